import { z } from 'zod';
import type { SourceState } from '../../core/db/schema';

// Keyed by the schema's union, so a state added there and not here fails to compile.
const sourceState = z
  .enum({ active: 'active', retired: 'retired' } satisfies { [S in SourceState]: S })
  .meta({ description: 'a retired source feeds neither ingestion nor snapshots; its rows stay' });

const count = z.number().int().min(0);

export const sourceSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    state: sourceState,
    is_demo: z.boolean().meta({ description: 'the synthetic demo catalogue' }),
    labelled: z.boolean(),
    rows: count.meta({ description: 'rows in its X file' }),
    loaded: count.meta({ description: 'rows loaded as products' }),
    rejected: count.meta({ description: 'rows rejected, with their reason' }),
    pending: count.meta({ description: 'rows no committed batch has taken yet' }),
    images: count,
  })
  .meta({ id: 'SourceSummary' });

export type SourceSummary = z.output<typeof sourceSummary>;

export const sourceList = z
  .array(sourceSummary)
  .meta({ id: 'SourceList', description: 'every registered source, oldest first' });

export const sourceStateChange = z
  .object({
    id: z.string(),
    state: sourceState,
    changed: z.boolean().meta({ description: 'false when the source already was in that state' }),
  })
  .meta({ id: 'SourceStateChange' });

export type SourceStateChange = z.output<typeof sourceStateChange>;

export const sourceDeleted = z
  .object({
    id: z.string(),
    products: count,
    rejected_rows: count,
    batches: count,
    labels: count,
    images: count,
    objects_removed: z
      .object({ images: count, raw: count })
      .meta({ description: 'S3 objects no other source refers to, removed' }),
  })
  .meta({
    id: 'SourceDeleted',
    description: 'what was removed; the audit events stay',
  });

export type SourceDeleted = z.output<typeof sourceDeleted>;
