import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  confusionDiff,
  differingKeys,
  flatten,
  metricDiffs,
  perClassDiff,
} from '../activities/registry/version-diff';
import { f1HistoryChart } from '../api/console/charts/f1-history';
import { diffStyle, heatStyle } from '../api/console/charts/heat';
import { perClassF1Chart } from '../api/console/charts/per-class-f1';
import { hrefOf, pagerLinks, sortHeaders } from '../api/console/pages/table-links';

describe('comparing two model versions', () => {
  it('gives every headline metric as b − a, null where either side lacks it', () => {
    const a = { gold: { weightedF1: 0.5, macroF1: 0.4, accuracy: 0.6, ece: 0.1 }, cv: {} };
    const b = { gold: { weightedF1: 0.75, macroF1: 0.5, accuracy: 0.5 }, cv: { weightedF1: 0.7 } };
    const diffs = metricDiffs(a, b);
    assert.deepEqual(diffs[0], { metric: 'gold weighted F1', a: 0.5, b: 0.75, diff: 0.25 });
    assert.equal(diffs.find((d) => d.metric === 'gold ECE')!.diff, null);
    assert.deepEqual(
      diffs.find((d) => d.metric === 'CV weighted F1'),
      {
        metric: 'CV weighted F1',
        a: null,
        b: 0.7,
        diff: null,
      },
    );
    assert.equal(metricDiffs(null, undefined).length, 5);
  });

  it('aligns per-class F1 on the union of codes, in code order', () => {
    const rows = perClassDiff(
      {
        perClass: [
          { code: 40, f1: 0.5 },
          { code: 10, f1: 0.25 },
        ],
      },
      {
        perClass: [
          { code: 10, f1: 0.5 },
          { code: 2583, f1: 1 },
        ],
      },
    );
    assert.deepEqual(rows, [
      { code: 10, a: 0.25, b: 0.5, diff: 0.25 },
      { code: 40, a: 0.5, b: null, diff: null },
      { code: 2583, a: null, b: 1, diff: null },
    ]);
    assert.deepEqual(perClassDiff(undefined, null), []);
  });

  it('re-indexes both confusion matrices onto the same codes before subtracting', () => {
    const result = confusionDiff(
      {
        codes: [10, 40],
        holdout: {
          confusion: [
            [3, 1],
            [0, 2],
          ],
        },
      },
      // B knows the codes in another order, and one more.
      {
        codes: [40, 10, 50],
        holdout: {
          confusion: [
            [2, 0, 1],
            [1, 4, 0],
            [0, 0, 5],
          ],
        },
      },
    );
    assert.deepEqual(result.codes, [10, 40, 50]);
    assert.deepEqual(result.a, [
      [3, 1, 0],
      [0, 2, 0],
      [0, 0, 0],
    ]);
    assert.deepEqual(result.b, [
      [4, 1, 0],
      [0, 2, 1],
      [0, 0, 5],
    ]);
    assert.deepEqual(result.diff, [
      [1, 0, 0],
      [0, 0, 1],
      [0, 0, 5],
    ]);
    const missing = confusionDiff(
      { codes: [10], holdout: undefined },
      { codes: [10], holdout: {} },
    );
    assert.equal(missing.a, null);
    assert.equal(missing.diff, null);
  });

  it('shows only the keys that differ, nested ones dotted', () => {
    assert.deepEqual(flatten({ a: { b: 1, c: [1, 2] }, d: 'x' }), {
      'a.b': '1',
      'a.c': '[1,2]',
      d: '"x"',
    });
    assert.deepEqual(
      differingKeys(
        { seed: 1, hyper: { alpha: 0.1, beta: 2 }, only: true },
        { seed: 2, hyper: { alpha: 0.1, beta: 3 } },
      ),
      [
        { key: 'hyper.beta', a: '2', b: '3' },
        { key: 'only', a: 'true', b: null },
        { key: 'seed', a: '1', b: '2' },
      ],
    );
    assert.deepEqual(differingKeys({ x: [1] }, { x: [1] }), []);
  });
});

describe("the registry pages' charts and tables", () => {
  it("draws F1 across versions with the champion's line", () => {
    const option = f1HistoryChart({
      points: [
        { version: 'm-1', gold_weighted_f1: 0.612345, created_at: '2026-01-01T00:00:00.000Z' },
        { version: 'm-2', gold_weighted_f1: null, created_at: '2026-01-02T00:00:00.000Z' },
      ],
      champion: { version: 'm-1', gold_weighted_f1: 0.612345 },
    }) as {
      xAxis: { data: string[] };
      series: { data: (number | null)[]; markLine: { data: { yAxis: number }[] } }[];
    };
    assert.deepEqual(option.xAxis.data, ['m-1', 'm-2']);
    assert.deepEqual(option.series[0]!.data, [0.6123, null]);
    assert.equal(option.series[0]!.markLine.data[0]!.yAxis, 0.6123);
    // Pure JSON: what travels in the page's JSON block is the very option.
    assert.deepEqual(JSON.parse(JSON.stringify(option)), option);
    const none = f1HistoryChart({ points: [], champion: null }) as { series: object[] };
    assert.equal('markLine' in none.series[0]!, false);
  });

  it('draws per-class F1 as two bar series and the difference as a line', () => {
    const option = perClassF1Chart([{ code: 10, a: 0.5, b: 0.75, diff: 0.25 }], 'm-a', 'm-b') as {
      series: { name: string; type: string; data: (number | null)[] }[];
    };
    assert.deepEqual(
      option.series.map((s) => [s.name, s.type, s.data]),
      [
        ['m-a', 'bar', [0.5]],
        ['m-b', 'bar', [0.75]],
        ['difference (b − a)', 'line', [0.25]],
      ],
    );
  });

  it('colours heat cells with readable text', () => {
    assert.equal(heatStyle(0, 10), 'background-color: rgb(255, 255, 255); color: #1d2430');
    assert.match(heatStyle(10, 10), /rgb\(11, 92, 173\); color: #ffffff/);
    assert.match(diffStyle(-5, 5), /rgb\(179, 84, 0\); color: #ffffff/);
    assert.equal(heatStyle(3, 0), heatStyle(0, 0));
  });

  it('links sort headers, flipping the sorted one, and pages', () => {
    const query = { sort: 'created', order: 'desc' as const, status: 'candidate', offset: 50 };
    const [created, f1] = sortHeaders('/ui/models', query, [
      { key: 'created', label: 'Created' },
      { key: 'gold_weighted_f1', label: 'F1', numeric: true },
    ]);
    assert.equal(created!.ariaSort, 'descending');
    assert.equal(created!.href, '/ui/models?sort=created&order=asc&status=candidate');
    assert.equal(f1!.ariaSort, 'none');
    assert.equal(f1!.href, '/ui/models?sort=gold_weighted_f1&order=desc&status=candidate');
    assert.equal(hrefOf('/x', { a: '', b: undefined }), '/x');
    const pager = pagerLinks('/ui/models', { q: 'm' }, { total: 120, offset: 50, limit: 50 });
    assert.deepEqual(pager, {
      previous: '/ui/models?q=m&offset=0',
      next: '/ui/models?q=m&offset=100',
      from: 51,
      to: 100,
      total: 120,
    });
    assert.equal(pagerLinks('/p', {}, { total: 0, offset: 0, limit: 50 }).from, 0);
  });
});
