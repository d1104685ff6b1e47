'use strict';
// Worker threads start without the parent's TypeScript hooks; tsx's require hook is enough here.
require('tsx/cjs');
require('./thread-main.ts');
