/**
 * One memory run in a process of its own, so its peak RSS is its own: imports a challenge X/Y
 * pair and loads every row through the functions the ingestion activities call.
 *   node --import tsx bench/ingest-memory-run.ts X.csv Y.csv   (connection from the environment)
 * Prints RSS samples on stderr and one JSON line on stdout.
 */
import { loadConfig } from '../core/config/config';
import { createDb } from '../core/db/connect';
import { commitBatch, planBatches } from '../activities/ingest/batch-ledger';
import { importSource } from '../activities/ingest/import-source';
import { loadRange } from '../activities/ingest/load-range';
import { createObjectStore } from '../core/storage/object-store';

const rssMb = () => process.memoryUsage.rss() / 2 ** 20;

async function main(): Promise<void> {
  const [xPath, yPath] = process.argv.slice(2);
  const config = loadConfig(process.env, { useRunningStack: false });
  const db = createDb(config.postgres.url);
  const store = createObjectStore(config.s3, config.deployment);
  const samples: number[] = [rssMb()];
  const started = performance.now();
  const imported = await importSource({ db, store }, { xPath: xPath!, yPath });
  const importSeconds = (performance.now() - started) / 1000;
  samples.push(rssMb());
  process.stderr.write(
    `  imported ${imported.rows} rows in ${importSeconds.toFixed(1)} s, RSS ${rssMb().toFixed(0)} MB\n`,
  );
  const loadStarted = performance.now();
  let loaded = 0;
  for (;;) {
    const plan = await planBatches(db, 'bench-memory', 50_000);
    if (plan.length === 0) break;
    for (const batch of plan) {
      await loadRange(
        { db, store, limits: config.ingest },
        { ...batch, batchId: batch.id, ledger: true },
        batch.startRow,
        () => undefined,
      );
      await commitBatch(db, batch.id);
      loaded += batch.endRow - batch.startRow;
    }
    samples.push(rssMb());
    process.stderr.write(`  ${loaded} rows loaded, RSS ${rssMb().toFixed(0)} MB\n`);
  }
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  await db.destroy();
  console.log(
    JSON.stringify({
      rows: imported.rows,
      importSeconds,
      loadSeconds,
      rssSamplesMb: samples.map((s) => Math.round(s)),
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
