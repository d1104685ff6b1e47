#!/usr/bin/env node
'use strict';
// The project runs its TypeScript through tsx, so there is no build step between a checkout and a
// run. This is what `node --import tsx` loads: hooks for require() and import() alike.
import('tsx')
  .then(() => require('../cli/main.ts').main(process.argv))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
