import { loadConfig } from '../../core/config/config';
import {
  championOf,
  modelEvents,
  promoteModel,
  rollbackModel,
} from '../../activities/registry/champion';
import { getModel, listModels } from '../../activities/registry/versions';
import { withDataClients } from '../data/clients';
import { cliActor } from './actor';

const short = (hash: string) => hash.slice(0, 12);
const f1 = (x: number | null) => (x === null ? '-' : x.toFixed(4));

/** `rakuten models list`: every version, newest first, the champion marked. */
export async function runModelsList(options: { json?: boolean }): Promise<void> {
  await withDataClients(loadConfig(), async ({ db }) => {
    const [models, champion] = await Promise.all([listModels(db), championOf(db)]);
    const rows = models.map((m) => ({
      version: m.version,
      champion: m.version === champion?.version,
      status: m.status,
      family: m.family,
      goldWeightedF1: m.gold_weighted_f1,
      datasetVersion: m.dataset_version,
      gate: m.gate?.reason ?? null,
      createdAt: m.created_at,
    }));
    if (options.json) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return;
    }
    if (rows.length === 0) {
      process.stdout.write('no model versions yet: `rakuten train` starts one\n');
      return;
    }
    process.stdout.write('  version          status     family        gold F1  dataset\n');
    for (const r of rows) {
      process.stdout.write(
        `${r.champion ? '*' : ' '} ${r.version.padEnd(16)} ${r.status.padEnd(10)} ${(r.family ?? '-').padEnd(13)} ${f1(r.goldWeightedF1).padStart(7)}  ${short(r.datasetVersion)}${r.gate ? `  (${r.gate})` : ''}\n`,
      );
    }
    process.stdout.write('* champion\n');
  });
}

/** `rakuten models show VERSION`: its registry row and its audit events, as JSON. */
export async function runModelsShow(version: string): Promise<void> {
  await withDataClients(loadConfig(), async ({ db }) => {
    const model = await getModel(db, version);
    const champion = await championOf(db);
    const events = await modelEvents(db, version);
    process.stdout.write(
      `${JSON.stringify({ ...model, champion: champion?.version === version, events }, null, 2)}\n`,
    );
  });
}

export async function runModelsPromote(version: string, reason: string): Promise<void> {
  await withDataClients(loadConfig(), async ({ db, store }) => {
    const change = await promoteModel({ db, store }, { version, actor: cliActor(), reason });
    process.stdout.write(
      change.changed
        ? `champion: ${change.version} (was ${change.previous ?? 'none'})\n`
        : `${version} is already the champion\n`,
    );
  });
}

export async function runModelsRollback(reason: string): Promise<void> {
  await withDataClients(loadConfig(), async ({ db, store }) => {
    const change = await rollbackModel({ db, store }, { actor: cliActor(), reason });
    process.stdout.write(`champion: ${change.version} (rolled back from ${change.previous})\n`);
  });
}
