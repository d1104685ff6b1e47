import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import express from 'express';
import { chromium } from 'playwright-core';
import type { Browser, Locator, Page } from 'playwright-core';
import { securityHeaders, sendPage } from '../api/security-headers';
import { createApiService } from '../api/service';
import type { ApiService } from '../api/service';
import type { Config } from '../core/config/config';
import { createLogger } from '../core/logging/logger';
import { htmlPage } from '../models/html-page';
import { freshDeployment } from './helpers/fresh-deployment';
import type { FreshDeployment } from './helpers/fresh-deployment';
import { sharedStackConfig } from './helpers/shared-stack';

// Debian's package (`apt-get install chromium`): a browser is never downloaded.
const CHROMIUM = '/usr/bin/chromium';

/** What the page reported: CSP violations (as the browser logs them) and uncaught errors. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return problems;
}

/** A computed style of the element, read in the page (this project compiles without DOM types). */
function computedStyle(locator: Locator, property: string): Promise<string> {
  type Styles = { getComputedStyle(element: unknown): Record<string, string> };
  return locator.evaluate(
    (element, name) => (globalThis as unknown as Styles).getComputedStyle(element)[name]!,
    property,
  );
}

describe(
  'the HTML pages under their Content-Security-Policy, in a real browser',
  { skip: !fs.existsSync(CHROMIUM) && `needs ${CHROMIUM}: apt-get install chromium` },
  () => {
    let browser: Browser;
    let d: FreshDeployment;
    let connection: Connection;
    let service: ApiService;
    let server: Server;
    let base: string;
    let cacheDir: string;

    before(async () => {
      const config = await sharedStackConfig();
      d = await freshDeployment(config);
      connection = await Connection.connect({ address: config.temporal.address });
      cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rakuten-model-cache-'));
      service = createApiService({
        config: { ...d.config, serving: { ...d.config.serving, cacheDir } } satisfies Config,
        db: d.db,
        store: d.store,
        connection,
        client: new Client({ connection, namespace: config.temporal.namespace }),
        logger: createLogger({ format: 'json', level: 'silent' }, 'api'),
      });
      server = service.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu'],
      });
    });
    after(async () => {
      await browser?.close();
      await new Promise((resolve) => server?.close(resolve));
      await service?.stop();
      await connection?.close();
      await d?.close();
      fs.rmSync(cacheDir, { recursive: true, force: true });
    });

    it('renders Swagger UI and runs a try-it-out call with nothing refused', async () => {
      const page = await browser.newPage();
      const problems = watch(page);
      const response = await page.goto(`${base}/docs`);
      assert.match(response?.headers()['content-security-policy'] ?? '', /script-src 'self'/);
      await page.getByText('Rakuten product classification API').first().waitFor();
      const operations = page.locator('.opblock');
      await operations.first().waitFor();
      assert.ok((await operations.count()) >= 15, 'every operation is listed');

      // Try it out: Swagger UI fetches from this origin, which connect-src allows.
      await page.locator('#operations-models-getActiveModel .opblock-summary').click();
      await page.locator('#operations-models-getActiveModel .execute').click();
      const status = page.locator(
        '#operations-models-getActiveModel .response .response-col_status',
      );
      await status.first().waitFor();
      assert.match(await status.first().innerText(), /^(200|503)/);
      // Its icons (data: URIs in its stylesheet) and styles applied: the layout is there.
      const styled = await computedStyle(page.locator('.swagger-ui .info .title'), 'fontSize');
      assert.notEqual(styled, '16px', 'swagger-ui.css applied');
      assert.deepEqual(problems, []);
      await page.close();
    });

    it("applies a report's inline style and runs no script that slipped into it", async () => {
      // A page as the reports are built, with what an escaping bug would let through.
      const app = express();
      app.use(securityHeaders);
      app.get('/report', (_req, res) => {
        const body = `<h1>Report</h1><svg width="10" height="10"><rect width="10" height="10"/></svg>
<script>document.title = 'scripted'</script><img src="x" onerror="document.title = 'scripted'">`;
        sendPage(
          res,
          htmlPage({ lang: 'en', title: 'report', style: 'h1{color:rgb(1, 2, 3)}', body }),
          'report',
        );
      });
      const reports = app.listen(0, '127.0.0.1');
      await new Promise((resolve) => reports.once('listening', resolve));
      try {
        const page = await browser.newPage();
        const problems = watch(page);
        await page.goto(`http://127.0.0.1:${(reports.address() as AddressInfo).port}/report`);
        await page.waitForLoadState('load');
        const color = await computedStyle(page.locator('h1'), 'color');
        assert.equal(color, 'rgb(1, 2, 3)', 'the inline <style> applies');
        assert.equal(await page.title(), 'report', 'no script ran');
        assert.ok(
          problems.some((p) => /script-src|default-src/.test(p)),
          `the browser refused the script: ${problems.join(' | ')}`,
        );
        await page.close();
      } finally {
        await new Promise((resolve) => reports.close(resolve));
      }
    });

    it('cannot be framed by another page', async () => {
      const page = await browser.newPage();
      const problems = watch(page);
      await page.setContent(`<iframe src="${base}/docs"></iframe>`);
      await page.waitForTimeout(1_000);
      const frame = page.frames().find((f) => f.url().startsWith(base));
      const framed = frame ? await frame.locator('#swagger-ui').count() : 0;
      assert.equal(framed, 0, 'the docs page did not render in a frame');
      assert.ok(problems.some((p) => /frame-ancestors/.test(p)) || !frame, problems.join(' | '));
      await page.close();
    });
  },
);
