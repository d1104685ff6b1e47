import { ApplicationFailure } from '@temporalio/activity';
import { sql } from 'kysely';
import { z } from 'zod';
import { gitCommit } from '../../core/config/git-commit';
import type { Db } from '../../core/db/connect';
import { parseComposition } from '../datasets/composition';
import { DatasetError, takeSnapshot } from '../datasets/snapshot';
import type { DatasetInfo } from '../datasets/snapshot';
import { championOf, promoteModel, rejectCandidate } from './champion';
import type { AliasChange, Champion } from './champion';
import { RegistryError } from './errors';
import { gateChampion } from './gate-champion';
import type { GateChampion } from './gate-champion';
import { claimModelVersion, markFailed, registerModel } from './versions';
import type { Registration } from './versions';
import { boundedInt, MAX_RECORD_CHARS } from '../../core/contracts/fields';
import { checked } from '../../core/contracts/parse';
import {
  RETRAIN_ACTIONS,
  RETRAIN_TRIGGERS,
  thresholdsSchema,
} from '../../core/contracts/retrain-controller';
import type { RetrainAction } from '../../core/contracts/retrain-controller';
import type { ObjectStore } from '../../core/storage/object-store';

/** Errors a retry cannot fix become non-retryable failures with their message. */
async function failing<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof RegistryError || error instanceof DatasetError) {
      throw ApplicationFailure.nonRetryable(error.message, error.name);
    }
    throw error;
  }
}

/** A count of rows, as the bigint columns hold them: NaN or a fraction never reaches one. */
const rowCount = boundedInt(0, Number.MAX_SAFE_INTEGER);

/**
 * A decision as `retrain_decisions` keeps it. The workflow parsed everything it was told, so a
 * refusal here means a bug upstream; it fails at once rather than storing nonsense.
 */
const retrainDecisionSchema = z.strictObject({
  controllerId: z.string().min(1).max(1_000),
  action: z.enum(RETRAIN_ACTIONS),
  trigger: z.enum(RETRAIN_TRIGGERS),
  reason: z.string().max(MAX_RECORD_CHARS),
  trainingWorkflowId: z.string().max(1_000).nullable(),
  state: z.looseObject({ backlog: rowCount, thresholds: thresholdsSchema }),
});

/** The value, or a non-retryable failure naming the field: retrying cannot fix an argument. */
function argument<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = checked(schema, value, what);
  if (!result.ok) throw ApplicationFailure.nonRetryable(result.problem, 'BadArgument');
  return result.value;
}

/** The registry's activities: dataset snapshots, model versions, the champion, decisions. */
export function createRegistryActivities({ db, store }: { db: Db; store: ObjectStore }) {
  return {
    async snapshotDataset(input: { cutoff?: string } = {}): Promise<DatasetInfo> {
      return failing(() =>
        takeSnapshot({ db, store }, input.cutoff ? new Date(input.cutoff) : new Date()),
      );
    },

    async describeDataset(version: string): Promise<DatasetInfo> {
      return failing(async () => {
        const row = await db
          .selectFrom('dataset_versions')
          .selectAll()
          .where('version', '=', version)
          .executeTakeFirst();
        if (!row) throw new RegistryError(`there is no dataset version ${version}`);
        return {
          version: row.version,
          objectKey: row.object_key,
          rows: row.rows,
          goldRows: row.gold_rows,
          classCounts: row.class_counts,
          composition: parseComposition(row.composition),
        };
      });
    },

    async claimModelVersion(input: {
      workflowId: string;
      datasetVersion: string;
      seed: number;
      startedAt: string;
    }): Promise<string> {
      return failing(() =>
        claimModelVersion(db, { ...input, startedAt: new Date(input.startedAt) }),
      );
    },

    async registerCandidate(input: Omit<Registration, 'gitCommit'>): Promise<void> {
      return failing(() => registerModel(db, { ...input, gitCommit: gitCommit() }));
    },

    async markModelFailed(version: string): Promise<void> {
      await markFailed(db, version);
    },

    async championStatus(): Promise<Champion | null> {
      return championOf(db);
    },

    /** The champion for the gate, with the retired sources of its data and the candidate's. */
    async gateChampion(input: { candidateDatasetVersion: string }): Promise<GateChampion> {
      return gateChampion(db, input);
    },

    async promoteCandidate(input: {
      version: string;
      actor: string;
      reason: string;
      details?: Record<string, unknown>;
    }): Promise<AliasChange> {
      return failing(() => promoteModel({ db, store }, input));
    },

    async rejectCandidate(input: {
      version: string;
      actor: string;
      reason: string;
      champion: string | null;
      gate: Record<string, unknown>;
    }): Promise<void> {
      return failing(() => rejectCandidate(db, input));
    },

    /** Labelled rows ingested since the last training, as ingestion counted them. */
    async readBacklog(): Promise<number> {
      const row = await db
        .selectFrom('retrain_backlog')
        .select('new_labelled_rows')
        .where('id', '=', 1)
        .executeTakeFirst();
      return Number(row?.new_labelled_rows ?? 0);
    },

    /** A finished training took `rows` of the backlog; rows ingested since stay counted. */
    async consumeBacklog(rows: number): Promise<number> {
      argument(rowCount, rows, 'rows');
      const row = await db
        .updateTable('retrain_backlog')
        .set({
          new_labelled_rows: sql`greatest(0, new_labelled_rows - ${rows})`,
          since: new Date(),
        })
        .where('id', '=', 1)
        .returning('new_labelled_rows')
        .executeTakeFirst();
      return Number(row?.new_labelled_rows ?? 0);
    },

    async recordRetrainDecision(input: {
      controllerId: string;
      action: RetrainAction;
      trigger: string;
      reason: string;
      trainingWorkflowId: string | null;
      state: Record<string, unknown>;
    }): Promise<void> {
      argument(retrainDecisionSchema, input, 'decision');
      await db
        .insertInto('retrain_decisions')
        .values({
          controller_id: input.controllerId,
          action: input.action,
          trigger: input.trigger,
          reason: input.reason,
          training_workflow_id: input.trainingWorkflowId,
          state: JSON.stringify(input.state),
        })
        .execute();
    },
  };
}

export type RegistryActivities = ReturnType<typeof createRegistryActivities>;
