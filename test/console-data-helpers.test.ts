import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classDistribution } from '../activities/datasets/dataset-detail';
import { reasonKind } from '../activities/ingest/rejected-reason-kind';
import { pageHref, pager } from '../api/console/pages/data-pager';
import { classDistributionOption } from '../api/console/pages/dataset-charts';
import {
  SEVERITY_COLOURS,
  driftTimelineOption,
  featureChartHeight,
  featurePlotOption,
} from '../api/console/pages/drift-charts';
import { driftResultView, pValue, stat } from '../api/console/pages/drift-view';
import { DRIFT_SEVERITIES } from '../models/drift/severity';

describe('reason kinds: the reason with its values blanked', () => {
  it('groups the reasons ingestion writes by their sentence', () => {
    const cases: [string, string][] = [
      ['designation is empty', 'designation is empty'],
      ['expected 5 fields, found 7', 'expected N fields, found N'],
      ['expected 5 fields, found 4', 'expected N fields, found N'],
      ['productid "12a" is not an integer', 'productid "…" is not an integer'],
      ['imageid "a"b" is not an integer', 'imageid "…" is not an integer'],
      ['productid "a:b\nc" is not an integer', 'productid "…" is not an integer'],
      ['unknown prdtypecode "9999"', 'unknown prdtypecode "…"'],
      ['the Y file has no label for index 99999', 'the Y file has no label for index N'],
      [
        'description is 70000 bytes, over the limit of 65536',
        'description is N bytes, over the limit of N',
      ],
      ['not valid CSV: Invalid Closing Quote: got "x" at line 3', 'not valid CSV'],
      ['not valid CSV: a quote opened on this line is never closed', 'not valid CSV'],
      ['', ''],
    ];
    for (const [reason, kind] of cases) assert.equal(reasonKind(reason), kind, reason);
  });
});

describe('the console tables pager', () => {
  it('links to the neighbouring pages, keeping the filters and leaving out empty ones', () => {
    assert.deepEqual(
      pager(
        '/ui/x',
        { reason: 'a b', source: undefined, limit: 2 },
        {
          offset: 2,
          limit: 2,
          total: 5,
          shown: 2,
        },
      ),
      {
        from: 3,
        to: 4,
        total: 5,
        prev: '/ui/x?reason=a+b&limit=2',
        next: '/ui/x?reason=a+b&limit=2&offset=4',
      },
    );
    const last = pager('/ui/x', { limit: 2 }, { offset: 4, limit: 2, total: 5, shown: 1 });
    assert.equal(last.next, null);
    assert.equal(last.to, 5);
    const empty = pager('/ui/x', {}, { offset: 0, limit: 50, total: 0, shown: 0 });
    assert.deepEqual([empty.from, empty.prev, empty.next], [0, null, null]);
    assert.equal(pageHref('/ui/x', { reason: '', offset: 0 }), '/ui/x');
  });
});

describe('chart options, pure JSON', () => {
  it('draws drift checks one series per severity, coloured by the one scale', () => {
    const option = driftTimelineOption([
      { id: 'a', at: '2026-01-01T00:00:00.000Z', severity: 'high', status: 'ok' },
      { id: 'b', at: '2026-01-02T00:00:00.000Z', severity: 'none', status: 'ok' },
    ]) as { series: { name: string; itemStyle: { color: string }; data: unknown[] }[] };
    assert.deepEqual(
      option.series.map((s) => s.name),
      [...DRIFT_SEVERITIES],
    );
    assert.deepEqual(
      option.series.map((s) => s.itemStyle.color),
      DRIFT_SEVERITIES.map((s) => SEVERITY_COLOURS[s]),
    );
    assert.deepEqual(option.series[3]!.data, [
      { name: 'a (ok)', value: ['2026-01-01T00:00:00.000Z', 'high'] },
    ]);
    assert.equal(JSON.stringify(JSON.parse(JSON.stringify(option))), JSON.stringify(option));
  });

  it('draws a feature as reference against current, in percent', () => {
    const plot = { bins: ['≤ 3', '> 3'], reference: [0.25, 0.75], current: [0.5, 0.5] };
    const option = featurePlotOption('Title words', plot) as {
      series: { name: string; data: number[] }[];
      yAxis: { data: string[] };
    };
    assert.deepEqual(
      option.series.map((s) => [s.name, s.data]),
      [
        ['reference', [25, 75]],
        ['current', [50, 50]],
      ],
    );
    assert.deepEqual(option.yAxis.data, plot.bins);
    assert.ok(
      featureChartHeight({ ...plot, bins: Array<string>(40).fill('x') }) > featureChartHeight(plot),
    );
  });

  it('names every class of a distribution, 0 for an absent one', () => {
    const classes = classDistribution({ '10': 4, '2583': 2 });
    assert.equal(classes.length, 27);
    assert.deepEqual(classes[0], { code: 10, name: 'Livres occasion', rows: 4 });
    assert.equal(classes.find((c) => c.code === 40)!.rows, 0);
    assert.equal(classDistribution({ '7': 1 }).find((c) => c.code === 7)!.name, '7');
    const option = classDistributionOption(classes) as { series: { data: number[] }[] };
    assert.equal(option.series[0]!.data.length, 27);
  });
});

describe('a stored drift result, as the check page reads it', () => {
  it('keeps the features it can read and counts the others', () => {
    const feature = {
      name: 'titleWords',
      displayName: 'Title words',
      kind: 'continuous',
      status: 'ok',
      severity: 'low',
      reason: 'PSI 0.12',
      unit: 'products',
      samples: { reference: 100, current: 80 },
      statistics: {
        psi: 0.12,
        jsDistance: 0.05,
        klDivergence: 0.04,
        test: { kind: 'ks', statistic: 0.1, pValue: 0.0001, df: null, mergedBins: 0 },
      },
      significant: true,
      plot: { bins: ['a'], reference: [1], current: [1] },
    };
    const view = driftResultView({ summary: 'low drift', features: [feature, { name: 'x' }] });
    assert.equal(view.features.length, 1);
    assert.equal(view.unreadable, 1);
    assert.equal(view.summary, 'low drift');
    assert.deepEqual(driftResultView(null), {
      summary: null,
      featureAlpha: null,
      features: [],
      unreadable: 0,
    });
    assert.equal(stat(0.123456), '0.123');
    assert.equal(stat(null), '–');
    assert.equal(pValue(0.0001), '1.0e-4');
    assert.equal(pValue(undefined), '–');
  });
});
