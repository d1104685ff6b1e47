import type { Command } from 'commander';
import { accountSources } from '../../activities/ingest/source-accounting';
import type { SourceAccount } from '../../activities/ingest/source-accounting';
import { loadConfig } from '../../core/config/config';
import { withDataClients } from '../clients';
import { UserError } from '../user-error';

export function register(command: Command): void {
  command.description('registered sources and their accounting');
  command
    .command('show [id]', { isDefault: true })
    .description('rows, loaded, rejected and pending per source, and the check that none is lost')
    .option('--json', 'print JSON')
    .action((id: string | undefined, options: { json?: boolean }) =>
      runSourcesShow({ id, json: options.json }),
    );
}

/** `rakuten sources show`: every source's rows, loaded, rejected and pending, with the check. */
async function runSourcesShow(options: { id?: string; json?: boolean }): Promise<void> {
  const config = loadConfig();
  const accounts = await withDataClients(config, ({ db }) => accountSources(db, options.id));
  if (options.id && accounts.length === 0) throw new UserError(`no source ${options.id}`);
  if (options.json) process.stdout.write(`${JSON.stringify(accounts)}\n`);
  else process.stdout.write(formatAccounts(accounts));
  const broken = accounts.filter((a) => !a.ok);
  if (broken.length > 0) {
    throw new UserError(
      `check failed for ${broken.map((a) => a.id).join(', ')}: rows of committed batches are missing or both loaded and rejected`,
    );
  }
}

function formatAccounts(accounts: SourceAccount[]): string {
  if (accounts.length === 0) return 'no sources yet: run `rakuten import --x FILE [--y FILE]`\n';
  const header = [
    'source',
    'name',
    'format',
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
    String(a.rows),
    String(a.loaded),
    String(a.rejected),
    String(a.pending),
    String(a.images),
    a.ok ? `ok: ${a.accounted}/${a.committedRows} ingested rows accounted for` : 'FAILED',
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
