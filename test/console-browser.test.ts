import { after, before, describe } from 'node:test';
import { ensureChromium } from './helpers/browser';
import { startConsoleFixture } from './helpers/console-fixture';
import type { ConsoleFixture } from './helpers/console-fixture';
import { errorPageTests, screenshotTests, shellTests } from './console/shell';
import { modelsTests } from './console/models';
import { overviewTests } from './console/overview';
import { dataTests } from './console/data';

// Installs Debian's Chromium first when it is missing and this runs as root.
const skip = ensureChromium();

describe('the web console at /ui, in real Chromium over real services', { skip }, () => {
  let f: ConsoleFixture;
  before(async () => {
    f = await startConsoleFixture();
  });
  after(async () => {
    await f?.stop();
  });
  const fixture = () => f;
  shellTests(fixture);
  errorPageTests(fixture);
  modelsTests(fixture);
  overviewTests(fixture);
  dataTests(fixture);
  screenshotTests(fixture);
});
