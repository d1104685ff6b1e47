import { z } from 'zod';
import { championOf } from '../../../activities/registry/champion';
import type { Comparison } from '../../../activities/registry/comparison';
import { listVersionsPage } from '../../../activities/registry/version-list';
import type { Route } from '../../route';
import { comparePair } from '../../routes/versions';
import { MAX_PAGE_ROWS } from '../../schemas';
import { diffStyle, heatStyle } from '../charts/heat';
import { perClassF1Chart } from '../charts/per-class-f1';
import { consolePage } from '../page';
import { jsonBlock } from '../render';
import type { ConsoleDeps } from '../routes';

const compareFormQuery = z.object({
  a: z
    .string()
    .max(64)
    .optional()
    .meta({ description: 'the version compared against; the champion if unset' }),
  b: z
    .string()
    .max(64)
    .optional()
    .meta({ description: 'the version compared; the newest other if unset' }),
});

interface HeatCell {
  value: number;
  style: string;
}

/** A matrix as rows of cells with their colours: `diverging` for a difference. */
export function heatRows(matrix: number[][] | null, diverging: boolean): HeatCell[][] | null {
  if (!matrix) return null;
  const max = Math.max(0, ...matrix.flat().map((v) => Math.abs(v)));
  return matrix.map((row) =>
    row.map((value) => ({
      value,
      style: diverging ? diffStyle(value, max) : heatStyle(value, max),
    })),
  );
}

function view(comparison: Comparison) {
  const { confusion } = comparison;
  return {
    ...comparison,
    chartJson: jsonBlock(
      perClassF1Chart(comparison.per_class_f1, comparison.a.version, comparison.b.version),
    ),
    heat: {
      codes: confusion.codes,
      a: heatRows(confusion.a, false),
      b: heatRows(confusion.b, false),
      diff: heatRows(confusion.diff, true),
    },
  };
}

/** Two versions side by side, chosen with two selects; the champion against the newest other by default. */
export function comparePage(deps: ConsoleDeps): Route {
  const { db, store } = deps;
  return consolePage(deps.console, {
    path: '/ui/compare',
    operationId: 'consoleCompare',
    summary: 'Console: compare two model versions',
    nav: 'models',
    template: 'compare',
    query: compareFormQuery,
    errors: { 404: 'no such model version' },
    load: async (_params, query) => {
      const [recent, champion] = await Promise.all([
        listVersionsPage(db, { offset: 0, limit: MAX_PAGE_ROWS, sort: 'created', order: 'desc' }),
        championOf(db),
      ]);
      // The selects offer the newest registered versions, and whatever was asked for.
      const choices: { version: string; status: string | null }[] = recent.items
        .filter((v) => v.status !== 'training' && v.status !== 'failed')
        .map((v) => ({ version: v.version, status: v.status }));
      const a = query.a ?? champion?.version ?? choices[1]?.version;
      const b = query.b ?? choices.find((v) => v.version !== a)?.version;
      for (const asked of [a, b]) {
        if (asked && !choices.some((c) => c.version === asked)) {
          choices.push({ version: asked, status: null });
        }
      }
      const comparison = a && b && a !== b ? view(await comparePair({ db, store }, a, b)) : null;
      return {
        title: 'Compare two versions',
        data: {
          a: a ?? '',
          b: b ?? '',
          choices,
          same: a !== undefined && a === b,
          comparison,
        },
      };
    },
  });
}
