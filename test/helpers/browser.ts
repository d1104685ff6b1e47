import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

// Debian's package (`apt-get install chromium`): a browser is never downloaded.
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Debian's Chromium, installed with apt-get when it is missing and this runs as root (CI and
 * the dev machines); otherwise the reason the browser tests are skipped.
 */
export function ensureChromium(): string | undefined {
  if (fs.existsSync(CHROMIUM)) return undefined;
  if (process.getuid?.() !== 0) return `needs ${CHROMIUM}: apt-get install chromium (as root)`;
  try {
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      timeout: 600_000,
    });
  } catch (error) {
    return `apt-get install chromium failed: ${(error as Error).message}`;
  }
  return fs.existsSync(CHROMIUM) ? undefined : `apt-get installed no ${CHROMIUM}`;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
}

/**
 * Everything a page reported going wrong: console errors (CSP violations among them), uncaught
 * errors, requests that failed and answers of 400 or more. `expect(pattern)` allows answers a
 * test provokes on purpose.
 */
export interface PageProblems {
  list: string[];
  expect(pattern: RegExp): void;
}

export function watchPage(page: Page): PageProblems {
  const expected: RegExp[] = [];
  const list: string[] = [];
  const unexpected = (text: string) => !expected.some((p) => p.test(text));
  page.on('console', (m) => {
    // A 4xx the test asked for is also logged by the browser as a console error.
    if (m.type() === 'error' && unexpected(m.text())) list.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => list.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    const text = `request failed: ${r.method()} ${r.url()} (${r.failure()?.errorText ?? ''})`;
    if (unexpected(text)) list.push(text);
  });
  page.on('response', (r) => {
    const text = `HTTP ${r.status()}: ${r.request().method()} ${r.url()}`;
    if (r.status() >= 400 && unexpected(text)) list.push(text);
  });
  return { list, expect: (pattern) => expected.push(pattern) };
}

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * axe-core's serious and critical violations on the page as it stands, one line each. The
 * script is evaluated through the DevTools protocol, which the page's CSP does not govern.
 */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } })
      .axe;
    return (await axe.run()).violations;
  });
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.impact} ${v.id}: ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`,
    );
}
