import type { Command } from 'commander';
import { SourceFormatError } from '../../activities/ingest/errors';
import { importSource } from '../../activities/ingest/import-source';
import { imageRejectSummary } from '../../activities/ingest/source-accounting';
import { loadConfig } from '../../core/config/config';
import { cliActor } from '../actor';
import { withDataClients } from '../clients';
import { controllerAsker, reportDemoStepAside } from '../demo-retired';
import { UserError } from '../user-error';

export function register(command: Command): void {
  command
    .description('stream challenge files into the raw bucket and register them as a source')
    .requiredOption(
      '--x <file>',
      "the challenge's X file, or a CSV with designation[,description][,prdtypecode]",
    )
    .option('--y <file>', "the challenge's Y file (,prdtypecode) for a challenge X file")
    .option(
      '--images <dir|zip>',
      'a folder or ZIP of image_{imageid}_product_{productid}.jpg files (JPEG or PNG, at most IMAGE_MAX_BYTES each; links are not followed)',
    )
    .option('--name <name>', 'a name to know the source by (default: the X file name)')
    .option('--json', 'print the result as JSON')
    .action(runImport);
}

interface ImportCommandOptions {
  x: string;
  y?: string;
  images?: string;
  name?: string;
  json?: boolean;
}

/** `rakuten import`: files into the raw bucket, registered as a source. */
async function runImport(options: ImportCommandOptions): Promise<void> {
  const config = loadConfig();
  const actor = cliActor();
  const result = await withDataClients(config, async (clients) => {
    try {
      return await importSource(clients, {
        xPath: options.x,
        yPath: options.y,
        imagesPath: options.images,
        imageMaxBytes: config.ingest.imageMaxBytes,
        name: options.name,
        actor,
        keepDemo: config.demoKeep,
        onStep: (message) => process.stderr.write(`${message}\n`),
      });
    } catch (error) {
      if (error instanceof SourceFormatError) throw new UserError(error.message);
      throw error;
    }
  });
  for (const warning of result.labelWarnings) process.stderr.write(`warning: ${warning}\n`);
  for (const reject of result.imageRejects) {
    process.stderr.write(`rejected image ${reject.name}: ${reject.reason}\n`);
  }
  const unshown = result.imagesRejected - result.imageRejects.length;
  if (unshown > 0) {
    process.stderr.write(
      `… and ${unshown} more rejected images: \`rakuten sources show ${result.sourceId}\` lists them\n`,
    );
  }
  await reportDemoStepAside(result.sourceId, result.demo, {
    actor,
    askTraining: controllerAsker(config),
    write: (line) => process.stderr.write(line),
  });
  if (options.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  process.stdout.write(
    result.created
      ? `imported ${result.sourceId}: ${result.rows} rows (${result.format}, ${result.labelled ? 'labelled' : 'unlabelled'})`
      : `already imported as ${result.sourceId} (${result.rows} rows): nothing to do`,
  );
  process.stdout.write(
    options.images
      ? `; ${result.imagesAdded} new images, ${result.imagesSkipped} other files skipped, ${imageRejectSummary(result)}\n`
      : '\n',
  );
}
