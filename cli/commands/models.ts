import type { Command } from 'commander';
import { modelEvents, promoteModel, rollbackModel } from '../../activities/registry/champion';
import { RetiredDataError } from '../../activities/registry/errors';
import { lineageOf, withLineage } from '../../activities/registry/lineage';
import { getModelWithStatus, withStatus } from '../../activities/registry/status';
import { listModels } from '../../activities/registry/versions';
import { loadConfig } from '../../core/config/config';
import { cliActor } from '../actor';
import { withDataClients } from '../clients';
import { UserError } from '../user-error';

export function register(command: Command): void {
  command.description('the model registry: versions, the champion, promotion and rollback');
  command
    .command('list')
    .description('every model version, newest first, the champion and demo-trained ones marked')
    .option('--json', 'print JSON')
    .action(runModelsList);
  command
    .command('show <version>')
    .description(
      "a version's metrics, parameters, artifacts, gate decision, training data by source and audit events",
    )
    .action(runModelsShow);
  command
    .command('promote <version>')
    .description('make a registered version the champion (its artifacts must be in S3)')
    .requiredOption('--reason <text>', 'why, for the audit log')
    .action(async (version: string, options: { reason: string }) =>
      runModelsPromote(version, reasonOf(options.reason)),
    );
  command
    .command('rollback')
    .description(
      'move the champion back to the one before it (not to one trained on a retired source, unless forced)',
    )
    .requiredOption('--reason <text>', 'why, for the audit log')
    .option('--force', 'roll back even to a version trained on a source retired since')
    .action(async (options: { reason: string; force?: boolean }) =>
      runModelsRollback(reasonOf(options.reason), options.force === true),
    );
}

const reasonOf = (reason: string) => {
  if (reason.trim() === '') throw new UserError('--reason must say why');
  return reason.trim();
};

const short = (hash: string) => hash.slice(0, 12);
const f1 = (x: number | null) => (x === null ? '-' : x.toFixed(4));

/** `rakuten models list`: every version, newest first, champion and demo-trained ones marked. */
async function runModelsList(options: { json?: boolean }): Promise<void> {
  await withDataClients(loadConfig(), async ({ db }) => {
    const models = await withLineage(db, await withStatus(db, await listModels(db)));
    const rows = models.map((m) => ({
      version: m.version,
      champion: m.status === 'champion',
      status: m.status,
      family: m.family,
      goldWeightedF1: m.gold_weighted_f1,
      datasetVersion: m.dataset_version,
      // A champion serving real shoppers should not quietly be one trained on invented products.
      demo: m.lineage.trainedOnDemo,
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
    process.stdout.write('  version          status     family        gold F1  data  dataset\n');
    for (const r of rows) {
      process.stdout.write(
        `${r.champion ? '*' : ' '} ${r.version.padEnd(16)} ${r.status.padEnd(10)} ${(r.family ?? '-').padEnd(13)} ${f1(r.goldWeightedF1).padStart(7)}  ${(r.demo ? 'demo' : '-').padEnd(4)}  ${short(r.datasetVersion)}${r.gate ? `  (${r.gate})` : ''}\n`,
      );
    }
    process.stdout.write('* champion; demo: trained on rows of the demo catalogue\n');
  });
}

/** `rakuten models show VERSION`: its registry row and its audit events, as JSON. */
async function runModelsShow(version: string): Promise<void> {
  await withDataClients(loadConfig(), async ({ db }) => {
    const model = await getModelWithStatus(db, version);
    const lineage = await lineageOf(db, model.dataset_version);
    const events = await modelEvents(db, version);
    const shown = {
      ...model,
      champion: model.status === 'champion',
      trained_on_demo: lineage.trainedOnDemo,
      dataset_composition: lineage.composition,
      events,
    };
    process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
  });
}

async function runModelsPromote(version: string, reason: string): Promise<void> {
  await withDataClients(loadConfig(), async ({ db, store }) => {
    const change = await promoteModel({ db, store }, { version, actor: cliActor(), reason });
    process.stdout.write(
      change.changed
        ? `champion: ${change.version} (was ${change.previous ?? 'none'})\n`
        : `${version} is already the champion\n`,
    );
  });
}

async function runModelsRollback(reason: string, force: boolean): Promise<void> {
  await withDataClients(loadConfig(), async ({ db, store }) => {
    let change;
    try {
      change = await rollbackModel({ db, store }, { actor: cliActor(), reason, force });
    } catch (error) {
      // The registry's message, with the flag that overrides it here.
      if (error instanceof RetiredDataError) {
        throw new UserError(
          `rollback refused: ${error.version} was trained on retired source(s) ${error.sources.join(', ')}; add --force to roll back to it anyway`,
        );
      }
      throw error;
    }
    process.stdout.write(
      `champion: ${change.version} (rolled back from ${change.previous}${force && change.forced ? '; forced' : ''})\n`,
    );
  });
}
