import type { Browser, Page } from 'playwright-core';
import { createToken } from '../../core/auth/tokens';
import type { TrainModelResult } from '../../core/contracts/train-model';
import { launchChromium, watchPage } from './browser';
import type { PageProblems } from './browser';
import { startInProcessApi } from './in-process-api';
import type { InProcessApi } from './in-process-api';
import { sharedStackConfig } from './shared-stack';
import { trainingDeployment } from './training-deployment';
import type { TrainingDeployment } from './training-deployment';
import { until } from './until';

/** The widths the console must work at: a laptop and a phone. */
export const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

/**
 * One deployment for every console test: the real X_sample rows ingested, a champion and a
 * challenger the gate kept out, workers on the deployment's own queues in a namespace of its
 * own (so `POST /retrain` reaches a real controller), the API in this process, and Chromium.
 */
export interface ConsoleFixture {
  d: TrainingDeployment;
  api: InProcessApi;
  base: string;
  browser: Browser;
  /** A bearer token of scope operate, and one of scope predict. */
  operateToken: string;
  predictToken: string;
  champion: TrainModelResult;
  challenger: TrainModelResult;
  /** A new page at `path`, loaded, with its problems watched; the caller closes it. */
  open(
    path: string,
    viewport?: keyof typeof VIEWPORTS,
  ): Promise<{ page: Page; problems: PageProblems }>;
  /** Pastes a token into the header's form and waits for the console to accept it. */
  useToken(page: Page, token: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startConsoleFixture(): Promise<ConsoleFixture> {
  const d = await trainingDeployment(await sharedStackConfig(), { ownNamespace: 'console' });
  const champion = await d.train({ families: ['cnb', 'logreg'], seed: 1 });
  // Out of the gate's reach: registered, compared, never promoted.
  const challenger = await d.train({ families: ['cnb', 'logreg'], seed: 2, gate: { floor: 0.99 } });
  const api = await startInProcessApi(d);
  const base = api.base;
  await until('the champion to be served', async () => (await fetch(`${base}/ready`)).ok);
  const operateToken = (await createToken(d.db, 'console-operator', { scope: 'operate' })).token;
  const predictToken = (await createToken(d.db, 'console-reader', { scope: 'predict' })).token;
  const browser = await launchChromium();
  return {
    d,
    api,
    base,
    browser,
    operateToken,
    predictToken,
    champion,
    challenger,
    async open(path, viewport = 'desktop') {
      const page = await browser.newPage({ viewport: VIEWPORTS[viewport] });
      const problems = watchPage(page);
      const response = await page.goto(`${base}${path}`, { waitUntil: 'load' });
      if (!response?.ok()) throw new Error(`${path} answered ${response?.status()}`);
      return { page, problems };
    },
    async useToken(page, token) {
      await page.locator('#token-input').fill(token);
      await page.locator('#token-form button[type=submit]').click();
      await page.locator('#token-status', { hasText: / token of / }).waitFor();
    },
    async stop() {
      await browser.close();
      await api.stop();
      await d.stop();
    },
  };
}
