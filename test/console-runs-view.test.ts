import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  backlogPercent,
  cvHistoryChart,
  every,
  f1,
  hyperText,
  listHref,
  seconds,
} from '../api/console/pages/runs-view';

describe('the runs and overview pages, as text and chart options', () => {
  it('draws one line per family, a run without it leaving a gap', () => {
    const option = cvHistoryChart({
      families: ['cnb', 'logreg'],
      runs: [
        { version: 'm-1', created_at: '2026-12-01T00:00:00.000Z', cv_weighted_f1: { cnb: 0.5 } },
        {
          version: 'm-2',
          created_at: '2026-12-02T00:00:00.000Z',
          cv_weighted_f1: { cnb: 0.6, logreg: 0.7 },
        },
      ],
    }) as { xAxis: { data: string[] }; series: { name: string; data: (number | null)[] }[] };
    assert.deepEqual(option.xAxis.data, ['m-1', 'm-2']);
    assert.deepEqual(
      option.series.map((s) => [s.name, s.data]),
      [
        ['cnb', [0.5, 0.6]],
        ['logreg', [null, 0.7]],
      ],
    );
    // Pure JSON: the page embeds it as data, no functions.
    assert.deepEqual(JSON.parse(JSON.stringify(option)), option);
  });

  it('writes numbers, intervals and hyperparameters for people', () => {
    assert.equal(f1(0.123456), '0.1235');
    assert.equal(f1(null), '–');
    assert.equal(seconds(2.345), '2.3 s');
    assert.equal(seconds(42.6), '43 s');
    assert.equal(every(15 * 60_000), '15 min');
    assert.equal(every(2 * 3_600_000), '2 h');
    assert.equal(every(86_400_000), '1 d');
    assert.equal(hyperText({ C: 0.5, logCountRatio: true }), 'C=0.5, logCountRatio=true');
    assert.equal(hyperText({}), 'defaults');
    assert.equal(hyperText(null), '–');
  });

  it('fills the backlog meter up to its threshold, never past it', () => {
    assert.equal(backlogPercent(2_500, 10_000), 25);
    assert.equal(backlogPercent(30_000, 10_000), 100);
    assert.equal(backlogPercent(null, 10_000), null);
    assert.equal(backlogPercent(5, 0), null);
  });

  it('links to another page of a list, keeping its filters', () => {
    assert.equal(
      listHref('/ui/runs', { family: 'cnb', stage: undefined }, 50),
      '/ui/runs?family=cnb&offset=50',
    );
    assert.equal(listHref('/ui/runs', { family: '', stage: 'failed' }, 0), '/ui/runs?stage=failed');
    assert.equal(listHref('/ui/runs', {}, 0), '/ui/runs');
  });
});
