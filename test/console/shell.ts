import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { PROJECT_ROOT } from '../../core/config/config';
import type { ConsoleFixture } from '../helpers/console-fixture';

/** What every page shares: its assets, its headers, the token form. */
export function shellTests(f: () => ConsoleFixture): void {
  it('serves its scripts and styles from this origin, and nothing else under /ui/assets', async () => {
    for (const file of ['console.js', 'console.css', 'htmx.min.js', 'echarts.min.js']) {
      const res = await fetch(`${f().base}/ui/assets/${file}`);
      assert.equal(res.status, 200, file);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    }
    for (const file of ['../package.json', 'package.json', '%2e%2e/app.ts']) {
      assert.equal((await fetch(`${f().base}/ui/assets/${file}`)).status, 404, file);
    }
  });

  it('tells a token of scope predict from one of scope operate', async () => {
    const who = async (token: string) =>
      (await fetch(`${f().base}/whoami`, { headers: { authorization: `Bearer ${token}` } })).json();
    assert.deepEqual(await who(f().predictToken), { name: 'console-reader', scope: 'predict' });
    assert.deepEqual(await who(f().operateToken), { name: 'console-operator', scope: 'operate' });
    assert.equal((await fetch(`${f().base}/whoami`)).status, 401);
  });
}

// Evaluated in the page: this project compiles without the DOM's types.
const ACTIVE_TEXT = "(document.activeElement && document.activeElement.textContent || '').trim()";

/** The console's errors are pages of the console, with the JSON routes' status and message. */
export function errorPageTests(f: () => ConsoleFixture): void {
  it('answers a stale link or a bad parameter with an HTML page that says what is wrong', async () => {
    const missing = await fetch(`${f().base}/ui/drift/no-such-check`);
    assert.equal(missing.status, 404);
    assert.match(missing.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(missing.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    const page = await missing.text();
    assert.match(page, /no-such-check/);
    assert.match(page, /href="\/ui\/models"/, 'the navigation is there');
    const bad = await fetch(`${f().base}/ui/models?limit=0`);
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /<code>limit<\/code>/);
    // The JSON routes keep their JSON errors.
    const json = await fetch(`${f().base}/drift/no-such-check`);
    assert.equal(json.status, 404);
    assert.match(json.headers.get('content-type') ?? '', /^application\/json/);
    // An unknown page under /ui is a console page too.
    assert.match(await (await fetch(`${f().base}/ui/nope`)).text(), /no route for GET \/ui\/nope/);
  });
}

/** Where the README's screenshot comes from: the overview as these tests leave it. */
export const SCREENSHOT = path.join(PROJECT_ROOT, 'docs', 'console-overview.png');

/** Run last, once the other areas have filled the deployment: the README's picture. */
export function screenshotTests(f: () => ConsoleFixture): void {
  it('is usable by keyboard alone: skip link, navigation, and the token form', async () => {
    const { page, problems } = await f().open('/ui');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate<string>(ACTIVE_TEXT), 'Skip to content');
    await page.keyboard.press('Enter');
    assert.match(page.url(), /#main$/);
    // From the top again: the navigation's links come next, in order, each reachable by Tab.
    await page.goto(`${f().base}/ui`);
    const reached: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate<string>(ACTIVE_TEXT));
    }
    for (const label of ['Overview', 'Models', 'Training runs', 'Data', 'Drift', 'Try it']) {
      assert.ok(reached.includes(label), `${label} reached by Tab: ${reached.join(' | ')}`);
    }
    // The token form answers Enter, and says the token was taken.
    await page.locator('#token-input').focus();
    await page.keyboard.type(f().operateToken);
    await page.keyboard.press('Enter');
    await page.locator('#token-status', { hasText: 'operate token of console-operator' }).waitFor();
    assert.deepEqual(problems.list, []);
    await page.close();
  });

  it('takes the README screenshot of the overview', async () => {
    const { page, problems } = await f().open('/ui');
    await f().useToken(page, f().operateToken);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    assert.ok(fs.statSync(SCREENSHOT).size > 20_000, 'a real picture, not a blank page');
    assert.deepEqual(problems.list, []);
    await page.close();
  });
}
