import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importSource } from '../activities/ingest/import-source';
import { championOf, promoteModel } from '../activities/registry/champion';
import { gateChampion } from '../activities/registry/gate-champion';
import { deleteSource } from '../activities/sources/delete-source';
import { retireSource } from '../activities/sources/source-state';
import { createToken } from '../core/auth/tokens';
import type { TrainModelInput } from '../core/contracts/train-model';
import { writeChallengeFiles } from '../synthetic';
import type { ingestBatch } from '../workflows';
import { cleanEnv, runCli } from './helpers/cli';
import { startInProcessApi } from './helpers/in-process-api';
import type { InProcessApi } from './helpers/in-process-api';
import { sharedStackConfig } from './helpers/shared-stack';
import { installQuietRuntime } from './helpers/temporal-runtime';
import { trainingDeployment } from './helpers/training-deployment';
import type { TrainingDeployment } from './helpers/training-deployment';

installQuietRuntime();

const PARTNER = 'partner feed B';

describe('champions from retired data: replaced without comparison, rolled back to only by force', () => {
  let d: TrainingDeployment;
  let dir: string;
  let api: InProcessApi;
  let base: string;
  before(async () => {
    d = await trainingDeployment(await sharedStackConfig());
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rakuten-retired-champion-'));
    api = await startInProcessApi(d, { pollSeconds: 1 });
    base = api.base;
  });
  after(async () => {
    await api?.stop();
    await d?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const train = (input: Partial<TrainModelInput> = {}) =>
    d.train({ families: ['cnb'] as TrainModelInput['families'], ...input });
  const cli = (args: string[]) => runCli(args, cleanEnv(d.env));
  const modelRow = (version: string) =>
    d.db
      .selectFrom('model_versions')
      .selectAll()
      .where('version', '=', version)
      .executeTakeFirstOrThrow();
  const datasetOf = async (version: string) =>
    d.db
      .selectFrom('dataset_versions')
      .selectAll()
      .where('version', '=', (await modelRow(version)).dataset_version)
      .executeTakeFirstOrThrow();

  it('replaces a champion trained on a retired source, and refuses to roll back to it unforced', async () => {
    // Source A, the real sample, is in; source B, a second feed, joins it.
    const realId = (await d.db.selectFrom('sources').select('id').executeTakeFirstOrThrow()).id;
    const files = await writeChallengeFiles({ rows: 400, seed: 7, outDir: dir });
    const partner = await importSource(d, {
      xPath: files.xPath,
      yPath: files.yPath,
      name: PARTNER,
    });
    await d.client.workflow.execute<typeof ingestBatch>('ingestBatch', {
      taskQueue: d.taskQueue,
      workflowId: `ingest-${randomUUID()}`,
      args: [{ all: true }],
    });

    // The champion, trained on A and B.
    const old = await train();
    assert.equal(old.promoted, true, old.reason);
    const oldData = await datasetOf(old.modelVersion);
    assert.deepEqual([...oldData.source_ids].sort(), [realId, partner.sourceId].sort());

    // B is withdrawn: the next snapshot, and its gold holdout, leave its rows out.
    await retireSource(d.db, {
      sourceId: partner.sourceId,
      actor: 'cli:tester',
      reason: 'the partner withdrew its catalogue',
    });

    // A candidate below the floor stays out all the same, saying what keeps the champion.
    const weak = await train({ seed: 3, gate: { floor: 0.99 } });
    assert.equal(weak.promoted, false);
    assert.equal(
      weak.reason,
      `gold weighted F1 ${weak.goldWeightedF1.toFixed(4)} is below the floor 0.99; champion ${old.modelVersion}, trained on retired source(s) ${PARTNER}, stays until a model trained without them clears the floor`,
    );
    assert.equal((await championOf(d.db))?.version, old.modelVersion);

    // The first one to clear the floor replaces it, its gold set differing and not compared.
    const fresh = await train({ seed: 5, gate: { floor: 0.1 } });
    const expected = `champion ${old.modelVersion} was trained on retired source(s) ${PARTNER}; replaced by the first model trained without them (gold sets differ, not compared)`;
    assert.equal(fresh.promoted, true, fresh.reason);
    assert.equal(fresh.reason, expected);
    assert.equal(fresh.championBefore, old.modelVersion);
    assert.equal(fresh.championAfter, fresh.modelVersion);
    assert.equal(fresh.seconds.rescoreChampion, undefined, 'the champion is not re-scored');
    assert.equal((await championOf(d.db))?.version, fresh.modelVersion);
    const freshData = await datasetOf(fresh.modelVersion);
    assert.deepEqual(freshData.source_ids, [realId]);
    assert.equal(freshData.rows, 892);
    assert.ok(freshData.gold_rows < oldData.gold_rows, 'the gold sets differ');

    // The registry row and the audit event record why.
    const gate = (await modelRow(fresh.modelVersion)).gate!;
    assert.equal(gate.promoted, true);
    assert.equal(gate.reason, expected);
    assert.equal(gate.champion, old.modelVersion);
    assert.equal(gate.championF1, null);
    assert.deepEqual(gate.championRetiredSources, [PARTNER]);
    const promoted = await d.db
      .selectFrom('model_events')
      .selectAll()
      .where('kind', '=', 'promoted')
      .where('version', '=', fresh.modelVersion)
      .executeTakeFirstOrThrow();
    assert.equal(promoted.reason, expected);
    assert.equal(promoted.previous_version, old.modelVersion);

    // Rollback would return to the champion trained on B: refused, by the CLI and the API.
    const refused = await cli(['models', 'rollback', '--reason', 'the new one misbehaves']);
    assert.equal(refused.code, 1);
    assert.equal(refused.stdout, '');
    const message = `rollback refused: ${old.modelVersion} was trained on retired source(s) ${PARTNER}; add --force to roll back to it anyway`;
    assert.ok(refused.stderr.includes(message), refused.stderr);
    assert.equal(refused.stderr.trim().split('\n').length, 1, refused.stderr);
    const operate = (await createToken(d.db, 'retired-test', { scope: 'operate' })).token;
    const post = (body: unknown) =>
      fetch(`${base}/models/rollback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${operate}` },
        body: JSON.stringify(body),
      });
    const conflict = await post({ reason: 'through the API' });
    assert.equal(conflict.status, 409);
    const error = ((await conflict.json()) as { error: { code: string; message: string } }).error;
    assert.equal(error.code, 'conflict');
    assert.equal(
      error.message,
      `rollback refused: ${old.modelVersion} was trained on retired source(s) ${PARTNER}; force it to roll back anyway`,
    );
    assert.equal((await post({ reason: 'x', force: 'yes' })).status, 400, 'force is a boolean');
    assert.equal((await championOf(d.db))?.version, fresh.modelVersion);
    assert.equal(
      (
        await d.db
          .selectFrom('model_events')
          .select('id')
          .where('kind', '=', 'rolled_back')
          .execute()
      ).length,
      0,
    );

    // Forced, it goes back, and the audit event says it was forced.
    const forced = await cli(['models', 'rollback', '--reason', 'need it back', '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(
      forced.stdout,
      `champion: ${old.modelVersion} (rolled back from ${fresh.modelVersion}; forced)\n`,
    );
    assert.equal((await championOf(d.db))?.version, old.modelVersion);
    const rolledBack = await d.db
      .selectFrom('model_events')
      .selectAll()
      .where('kind', '=', 'rolled_back')
      .executeTakeFirstOrThrow();
    assert.equal(rolledBack.version, old.modelVersion);
    assert.equal(rolledBack.previous_version, fresh.modelVersion);
    assert.match(rolledBack.actor, /^cli:/);
    assert.equal(
      rolledBack.reason,
      `need it back (forced: trained on retired source(s) ${PARTNER})`,
    );
    assert.deepEqual(rolledBack.details, { forced: true, retiredSources: [PARTNER] });
  });

  it('lets the API force the rollback too, and says so in its answer and its event', async () => {
    // The champion is the one trained on B; promote the fresh one again by hand.
    const fresh = (
      await d.db
        .selectFrom('model_events')
        .select('previous_version')
        .where('kind', '=', 'rolled_back')
        .executeTakeFirstOrThrow()
    ).previous_version!;
    const operate = (await createToken(d.db, 'retired-test-2', { scope: 'operate' })).token;
    const call = async (url: string, body: unknown) => {
      const res = await fetch(base + url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${operate}` },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    // The document says what the body may hold.
    const doc = (await (await fetch(`${base}/openapi.json`)).json()) as {
      components: { schemas: Record<string, { properties: Record<string, { type: string }> }> };
    };
    assert.equal(doc.components.schemas.RollbackInput!.properties.force!.type, 'boolean');
    const back = await call(`/models/${fresh}/promote`, { reason: 'fresh again' });
    assert.equal(back.status, 200, JSON.stringify(back.body));
    const old = (await championOf(d.db))!.previousVersion!;
    const forcedApi = await call('/models/rollback', { reason: 'forced by API', force: true });
    assert.equal(forcedApi.status, 200, JSON.stringify(forcedApi.body));
    assert.deepEqual(forcedApi.body, { champion: old, previous: fresh, forced: true });
    const last = await d.db
      .selectFrom('model_events')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(last.kind, 'rolled_back');
    assert.deepEqual(last.details, { forced: true, retiredSources: [PARTNER] });
  });

  it('counts a deleted source as retired, by the name its dataset recorded', async () => {
    const partner = await d.db
      .selectFrom('sources')
      .select('id')
      .where('name', '=', PARTNER)
      .executeTakeFirstOrThrow();
    const champion = (await championOf(d.db))!;
    const candidate = (await d.activities.snapshotDataset({})).version;
    await deleteSource(d, { sourceId: partner.id, actor: 'cli:tester', reason: 'gone for good' });
    const seen = await gateChampion(d.db, { candidateDatasetVersion: candidate });
    assert.equal(seen.champion?.version, champion.version);
    assert.deepEqual(seen.champion?.retiredSources, [`${PARTNER} (deleted)`]);
    assert.deepEqual(seen.candidateRetiredSources, []);
    // The fresh version champion again, so that a rollback would go to the deleted source's.
    const fresh = (
      await d.db
        .selectFrom('model_events')
        .select('previous_version')
        .where('kind', '=', 'rolled_back')
        .executeTakeFirstOrThrow()
    ).previous_version!;
    await promoteModel(d, { version: fresh, actor: 'cli:tester', reason: 'fresh again' });
    const refused = await cli(['models', 'rollback', '--reason', 'once more']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /trained on retired source\(s\) partner feed B \(deleted\)/);
  });
});
