import type { Command } from 'commander';
import {
  accountSources,
  imageRejectSummary,
  imageRejectsOf,
} from '../../activities/ingest/source-accounting';
import type { SourceAccount } from '../../activities/ingest/source-accounting';
import { deleteSource } from '../../activities/sources/delete-source';
import { SourceStateError } from '../../activities/sources/errors';
import { reactivateSource, retireSource } from '../../activities/sources/source-state';
import { loadConfig } from '../../core/config/config';
import { cliActor } from '../actor';
import { withDataClients } from '../clients';
import { UserError } from '../user-error';

export function register(command: Command): void {
  command.description('registered sources: their state and accounting; retire, reactivate, delete');
  command
    .command('show [id]', { isDefault: true })
    .description(
      'rows, loaded, rejected and pending per source, and the check that none is lost; with an ID, its rejected images',
    )
    .option('--json', 'print JSON')
    .action((id: string | undefined, options: { json?: boolean }) =>
      runSourcesShow({ id, json: options.json }),
    );
  command
    .command('retire <id>')
    .description('keep its rows, but leave them out of ingestion and of the next snapshots')
    .requiredOption('--reason <text>', 'why, for the audit log')
    .action((id: string, options: { reason: string }) => runRetire(id, options.reason));
  command
    .command('reactivate <id>')
    .description('let a retired source feed ingestion and snapshots again')
    .requiredOption('--reason <text>', 'why, for the audit log')
    .action((id: string, options: { reason: string }) => runReactivate(id, options.reason));
  command
    .command('delete <id>')
    .description(
      'remove its products, rejected rows, labels and images; its audit events stay (refuses without --yes)',
    )
    .option('--yes', 'confirm: without it, delete refuses')
    .option('--reason <text>', 'why, for the audit log', 'deleted with rakuten sources delete')
    .action((id: string, options: { yes?: boolean; reason: string }) => runDelete(id, options));
}

/** A source that is not there, or cannot change now: one line for the user. */
async function changing<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof SourceStateError) throw new UserError(error.message);
    throw error;
  }
}

async function runRetire(sourceId: string, reason: string): Promise<void> {
  const change = await withDataClients(loadConfig(), ({ db }) =>
    changing(() => retireSource(db, { sourceId, actor: cliActor(), reason })),
  );
  process.stdout.write(
    change.changed
      ? `${sourceId} retired: ingestion and the next snapshots leave its rows out\n`
      : `${sourceId} is already retired\n`,
  );
}

async function runReactivate(sourceId: string, reason: string): Promise<void> {
  const change = await withDataClients(loadConfig(), ({ db }) =>
    changing(() => reactivateSource(db, { sourceId, actor: cliActor(), reason })),
  );
  process.stdout.write(
    change.changed
      ? `${sourceId} active again: ingestion and the next snapshots take its rows\n`
      : `${sourceId} is already active\n`,
  );
}

async function runDelete(sourceId: string, options: { yes?: boolean; reason: string }) {
  if (!options.yes) {
    throw new UserError(
      `delete removes ${sourceId}'s products, rejected rows, labels and images (its audit events stay); run it again with --yes`,
      2,
    );
  }
  const deleted = await withDataClients(loadConfig(), (clients) =>
    changing(() => deleteSource(clients, { sourceId, actor: cliActor(), reason: options.reason })),
  );
  process.stdout.write(
    `${sourceId} deleted: ${deleted.products} products, ${deleted.rejectedRows} rejected rows, ${deleted.images} images; importing its files again starts afresh\n`,
  );
}

/** `rakuten sources show`: every source's rows, loaded, rejected and pending, with the check. */
async function runSourcesShow(options: { id?: string; json?: boolean }): Promise<void> {
  const config = loadConfig();
  const { accounts, rejects } = await withDataClients(config, async ({ db }) => {
    const accounts = await accountSources(db, options.id);
    const rejects =
      options.id && accounts[0]?.imagesRejected
        ? await imageRejectsOf(db, options.id, IMAGE_REJECTS_LISTED)
        : [];
    return { accounts, rejects };
  });
  if (options.id && accounts.length === 0) throw new UserError(`no source ${options.id}`);
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify(options.id ? accounts.map((a) => ({ ...a, imageRejects: rejects })) : accounts)}\n`,
    );
  } else {
    process.stdout.write(formatAccounts(accounts));
    process.stdout.write(formatImageRejects(accounts, rejects));
  }
  const broken = accounts.filter((a) => !a.ok);
  if (broken.length > 0) {
    throw new UserError(
      `check failed for ${broken.map((a) => a.id).join(', ')}: rows of committed batches are missing or both loaded and rejected`,
    );
  }
}

/** Rejected images `sources show ID` lists; all of them are in the table `image_rejects`. */
const IMAGE_REJECTS_LISTED = 100;

function formatAccounts(accounts: SourceAccount[]): string {
  if (accounts.length === 0) return 'no sources yet: run `rakuten import --x FILE [--y FILE]`\n';
  const header = [
    'source',
    'name',
    'format',
    'state',
    'rows',
    'loaded',
    'rejected',
    'pending',
    'images',
    'check',
  ];
  const lines = accounts.map((a) => [
    a.id,
    a.name,
    `${a.format}${a.labelled ? '' : ' (unlabelled)'}`,
    `${a.state}${a.isDemo ? ' (demo)' : ''}`,
    String(a.rows),
    String(a.loaded),
    String(a.rejected),
    String(a.pending),
    a.imagesRejected > 0 ? `${a.images} (+${a.imagesRejected} rejected)` : String(a.images),
    a.ok
      ? `ok: ${a.accounted}/${a.committedRows} ingested rows accounted for` +
        (a.rejectedPruned > 0 ? ` (${a.rejectedPruned} rejected rows pruned by retention)` : '')
      : 'FAILED',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  return (
    [header, ...lines]
      .map((l) =>
        l
          .map((c, i) => c.padEnd(widths[i]!))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

function formatImageRejects(
  accounts: SourceAccount[],
  rejects: { name: string; kind: string; reason: string }[],
): string {
  const lines: string[] = [];
  for (const a of accounts.filter((a) => a.imagesRejected > 0)) {
    lines.push(`${a.id}: ${imageRejectSummary(a)}`);
  }
  for (const r of rejects) lines.push(`  ${r.name}  ${r.kind}: ${r.reason}`);
  const more = (accounts[0]?.imagesRejected ?? 0) - rejects.length;
  if (rejects.length > 0 && more > 0) lines.push(`  … ${more} more in the table image_rejects`);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
