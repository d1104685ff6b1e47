import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { importSource } from '../../activities/ingest/import-source';
import { reasonKind } from '../../activities/ingest/rejected-reason-kind';
import type { driftCheck, ingestBatch } from '../../workflows';
import { seriousA11yViolations } from '../helpers/browser';
import type { ConsoleFixture } from '../helpers/console-fixture';
import { until } from '../helpers/until';

// Unlabelled, so the retraining backlog does not move; three reason kinds, two rows of two of
// them, and markup in a raw line that must come back as text.
const BAD_CSV = [
  'designation,description,productid',
  ',<b>vide</b>,1',
  ',aussi vide,2',
  'Chaise,bois,12a',
  'Table,"chêne, massif",x7',
  'Lampe,led',
  'Bureau,"en ""chêne"", massif",42',
  'Tapis,laine,43',
  '',
].join('\n');

const EMPTY = 'designation is empty';
const NOT_INTEGER = 'productid "…" is not an integer';

interface Json {
  [key: string]: unknown;
}

/** Data, Drift and "Try it", and their JSON twins. */
export function dataTests(f: () => ConsoleFixture): void {
  describe('data, drift and try it', () => {
    let dir: string;
    let sourceId: string;
    let reportId: string;
    let datasetVersion: string;

    const get = async (p: string) => {
      const res = await fetch(`${f().base}${p}`);
      return { status: res.status, body: (await res.json()) as Json };
    };

    before(async () => {
      const { d } = f();
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-data-'));
      const file = path.join(dir, 'bad-rows.csv');
      fs.writeFileSync(file, BAD_CSV);
      sourceId = (await importSource(d, { xPath: file })).sourceId;
      await d.client.workflow.execute<typeof ingestBatch>('ingestBatch', {
        taskQueue: d.taskQueue,
        workflowId: `ingest-console-data-${randomUUID()}`,
        args: [{ all: true }],
      });
      // Predictions of the champion for the drift check's current window.
      const items = Array.from({ length: 60 }, (_, i) => ({
        designation: `Piscine tubulaire ${i} cm`,
        description: i % 2 ? 'avec pompe' : '',
      }));
      const res = await fetch(`${f().base}/predict/batch`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${f().predictToken}`,
        },
        body: JSON.stringify({ items }),
      });
      assert.equal(res.status, 200);
      await until('the predictions to be logged', async () => {
        const row = await d.db
          .selectFrom('prediction_log')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow();
        return Number(row.n) >= 60;
      });
      const checked = await d.client.workflow.execute<typeof driftCheck>('driftCheck', {
        taskQueue: d.taskQueue,
        workflowId: `drift-console-${randomUUID()}`,
        args: [
          {
            signalAt: 'high',
            // Never tell the fixture's controller: other areas' tests read its state.
            controllerId: `no-controller-${randomUUID()}`,
            window: { batches: 100, referenceRows: 2_000 },
          },
        ],
      });
      assert.equal(checked.status, 'ok', checked.reason);
      reportId = checked.reportId;
      const datasets = await get('/datasets?limit=200');
      const items2 = datasets.body.items as { version: string; models: number }[];
      datasetVersion = items2.find((i) => i.models > 0)!.version;
    });

    after(() => {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    /** Opens `p` at both widths: no problem, no serious violation; `check` on each. */
    const atBothWidths = async (p: string, check?: (page: Page) => Promise<void>) => {
      for (const viewport of ['desktop', 'phone'] as const) {
        const { page, problems } = await f().open(p, viewport);
        try {
          await check?.(page);
          assert.deepEqual(await seriousA11yViolations(page), [], `${p} at ${viewport}`);
          assert.deepEqual(problems.list, [], `${p} at ${viewport}`);
          const wide = await page.evaluate(
            'document.documentElement.scrollWidth > window.innerWidth + 1',
          );
          assert.equal(wide, false, `${p} scrolls sideways at ${viewport}`);
        } finally {
          await page.close();
        }
      }
    };

    it('counts the rejected rows by reason kind, as the database and reasonKind agree', async () => {
      const kinds = await get(`/rejected-rows/reasons?source=${sourceId}`);
      assert.deepEqual(kinds.body, {
        total: 5,
        kinds: [
          { kind: EMPTY, count: 2 },
          { kind: NOT_INTEGER, count: 2 },
          { kind: 'expected N fields, found N', count: 1 },
        ],
      });
      const rows = await f()
        .d.db.selectFrom('rejected_rows')
        .select(['reason', 'reason_kind'])
        .execute();
      for (const r of rows) assert.equal(reasonKind(r.reason), r.reason_kind, r.reason);
    });

    it('pages and filters rejected rows, and refuses bad filters', async () => {
      const all = await get(`/rejected-rows?source=${sourceId}`);
      assert.equal(all.body.total, 5);
      const items = all.body.items as Json[];
      assert.deepEqual(
        items.map((r) => r.row_number),
        [0, 1, 2, 3, 4],
      );
      assert.equal(items[0]!.raw_excerpt, ',<b>vide</b>,1\n');
      assert.equal(items[0]!.source_name, 'bad-rows.csv');
      const second = await get(`/rejected-rows?source=${sourceId}&offset=2&limit=2`);
      assert.deepEqual(
        (second.body.items as Json[]).map((r) => r.row_number),
        [2, 3],
      );
      assert.equal(second.body.total, 5);
      const byKind = await get(
        `/rejected-rows?source=${sourceId}&reason=${encodeURIComponent(NOT_INTEGER)}`,
      );
      assert.equal(byKind.body.total, 2);
      assert.ok((byKind.body.items as Json[]).every((r) => r.reason_kind === NOT_INTEGER));
      assert.equal((await get('/rejected-rows?reason=no%20such%20kind')).body.total, 0);
      for (const query of ['limit=0', 'limit=201', 'offset=-1', 'source=a%20b', 'limit=x']) {
        const res = await get(`/rejected-rows?${query}`);
        assert.equal(res.status, 400, query);
        assert.equal((res.body.error as Json).code, 'invalid_request', query);
      }
    });

    it('lists dataset versions and shows one, 404 for an unknown one', async () => {
      const page = await get('/datasets?limit=1');
      assert.equal(page.body.limit, 1);
      assert.ok((page.body.total as number) >= 1);
      const one = await get(`/datasets/${datasetVersion}`);
      assert.equal(one.status, 200);
      const classes = one.body.classes as { code: number; name: string; rows: number }[];
      assert.equal(classes.length, 27);
      assert.equal(classes.find((c) => c.code === 2583)!.name, 'Piscine et accessoires');
      assert.equal(
        classes.reduce((sum, c) => sum + c.rows, 0),
        one.body.rows,
      );
      const models = one.body.models as { total: number; items: { version: string }[] };
      assert.ok(models.total >= 1);
      assert.equal((await get('/datasets/ds-nowhere')).status, 404);
      assert.equal((await get('/datasets?limit=0')).status, 400);
    });

    it('lists drift checks newest first, 400 for a bad page', async () => {
      const page = await get('/drift?limit=5');
      const items = page.body.items as Json[];
      assert.equal(items[0]!.id, reportId);
      assert.equal(items[0]!.report_url, `/drift/${encodeURIComponent(reportId)}/report`);
      assert.equal((await get('/drift?offset=-1')).status, 400);
      // The literal route before the parameter: /drift/latest is still the newest report.
      assert.equal((await get('/drift/latest')).body.id, reportId);
    });

    it('renders the data page: sources, reason kinds and datasets', async () => {
      await atBothWidths('/ui/data', async (page) => {
        await page.locator('#reason-kinds a', { hasText: EMPTY }).waitFor();
        assert.ok(await page.getByRole('cell', { name: /bad-rows\.csv/ }).count());
        assert.ok(await page.locator(`a[href="/ui/datasets/${datasetVersion}"]`).count());
      });
    });

    it('filters the rejected-rows browser by reason kind, the count as the JSON route says', async () => {
      await atBothWidths('/ui/data/rejected');
      const { page, problems } = await f().open('/ui/data/rejected');
      try {
        await page.locator('#filter-reason').selectOption(NOT_INTEGER);
        await page.locator('#rejected form button[type=submit]').click();
        await page.waitForURL(/reason=/);
        await page.locator('#rejected-count', { hasText: 'of kind' }).waitFor();
        const rows = page.locator('#rejected-rows tbody tr');
        const kinds: (string | null)[] = [];
        for (let k = 0; k < (await rows.count()); k++) {
          kinds.push(await rows.nth(k).getAttribute('data-kind'));
        }
        const json = await get(`/rejected-rows?reason=${encodeURIComponent(NOT_INTEGER)}`);
        assert.equal(kinds.length, json.body.total);
        assert.ok(kinds.every((k) => k === NOT_INTEGER));
        assert.equal(
          await page.locator('#rejected-count [data-total]').getAttribute('data-total'),
          String(json.body.total),
        );
        assert.deepEqual(problems.list, []);
      } finally {
        await page.close();
      }
      // Without script, the same filter is a plain GET; the raw text is shown as text.
      await atBothWidths(`/ui/data/rejected?reason=${encodeURIComponent(EMPTY)}`, async (p) => {
        assert.equal(await p.locator('#rejected-rows tbody tr').count(), 2);
        assert.equal(await p.locator('#rejected-rows b').count(), 0);
        assert.ok(await p.locator('#rejected-rows code', { hasText: '<b>vide</b>' }).count());
      });
    });

    it('shows a dataset version: its class chart, table and models', async () => {
      await atBothWidths(`/ui/datasets/${datasetVersion}`, async (page) => {
        await page.locator('[data-chart="class-chart"] canvas').waitFor();
        assert.equal(await page.locator('#class-table tbody tr').count(), 27);
        assert.ok(await page.locator('#dataset-models-table tbody tr').count());
      });
    });

    it('draws the drift timeline and a check feature by feature', async () => {
      await atBothWidths('/ui/drift', async (page) => {
        await page.locator('[data-chart="drift-timeline"] canvas').waitFor();
        assert.ok(await page.locator(`#drift-table a[href="/ui/drift/${reportId}"]`).count());
      });
      const report = await get(`/drift/${encodeURIComponent(reportId)}`);
      const features = (report.body.result as { features: { displayName: string }[] }).features;
      await atBothWidths(`/ui/drift/${encodeURIComponent(reportId)}`, async (page) => {
        const names = await page.locator('#drift-features tbody tr td:first-child').allInnerTexts();
        assert.deepEqual(
          names,
          features.map((x) => x.displayName),
        );
        await page.locator('.drift-feature [data-chart] canvas').first().waitFor();
        const link = page.locator(`a[href="/drift/${encodeURIComponent(reportId)}/report"]`);
        assert.equal(await link.count(), 1);
      });
    });

    it('"Try it" answers as POST /predict does, and a batch row per pasted line', async () => {
      await atBothWidths('/ui/try');
      const { page, problems } = await f().open('/ui/try');
      try {
        await f().useToken(page, f().predictToken);
        const input = { designation: 'Piscine tubulaire 300x76 cm', description: 'avec pompe' };
        await page.locator('#try-title').fill(input.designation);
        await page.locator('#try-description').fill(input.description);
        await page.locator('#try-one button[type=submit]').click();
        await page.locator('#try-one-result:not([hidden])').waitFor();
        const res = await fetch(`${f().base}/predict`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${f().predictToken}`,
          },
          body: JSON.stringify(input),
        });
        const expected = (await res.json()) as {
          model_version: string;
          top_k: { code: number; confidence: number }[];
        };
        assert.equal(await page.locator('#try-one-version').textContent(), expected.model_version);
        const top = page.locator('#try-top tbody tr');
        const shown: { code: number; confidence: string | null; width: string | null }[] = [];
        for (let k = 0; k < (await top.count()); k++) {
          const row = top.nth(k);
          shown.push({
            code: Number(await row.getAttribute('data-code')),
            confidence: await row.locator('td').nth(2).textContent(),
            width: await row.locator('.bar').getAttribute('style'),
          });
        }
        assert.deepEqual(
          shown.map(({ code, confidence }) => ({ code, confidence })),
          expected.top_k.slice(0, 3).map((c) => ({
            code: c.code,
            confidence: `${(c.confidence * 100).toFixed(1)}%`,
          })),
        );
        assert.ok(shown.every((s) => /^width: [\d.]+%;?$/.test(s.width ?? '')));

        const csv = [
          'designation,description',
          'Piscine tubulaire 300x76 cm,"Piscine hors sol, avec pompe"',
          '"Livre ""Harry Potter""",roman',
          '',
          'Chaussettes enfant,lot de 3, coton',
        ].join('\n');
        await page.locator('#try-csv').fill(csv);
        await page.locator('#try-batch button[type=submit]').click();
        await page.locator('#try-batch-result:not([hidden])').waitFor();
        const lines = await page
          .locator('#try-batch-table tbody tr td:first-child')
          .allInnerTexts();
        assert.deepEqual(lines, ['2', '3', '5']);
        const designations = await page
          .locator('#try-batch-table tbody tr td:nth-child(2)')
          .allInnerTexts();
        assert.deepEqual(designations, [
          'Piscine tubulaire 300x76 cm',
          'Livre "Harry Potter"',
          'Chaussettes enfant',
        ]);
        assert.deepEqual(await seriousA11yViolations(page), []);

        // The API's refusal is shown, not swallowed: a line without a designation.
        problems.expect(/\/predict\/batch/);
        problems.expect(/status of 400/);
        await page.locator('#try-csv').fill('Chaise,bois\n,sans titre');
        await page.locator('#try-batch button[type=submit]').click();
        await page.locator('#try-batch-status[role=alert]', { hasText: 'designation' }).waitFor();
        // And an unclosed quote never reaches it.
        await page.locator('#try-csv').fill('"Chaise,bois');
        await page.locator('#try-batch button[type=submit]').click();
        await page.locator('#try-batch-status[role=alert]', { hasText: 'never closed' }).waitFor();
        assert.deepEqual(problems.list, []);
      } finally {
        await page.close();
      }
    });
  });
}
