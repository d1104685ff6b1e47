import type { Command } from 'commander';

/** A command's module: it gives the command its description, options, subcommands and action. */
export interface CommandModule {
  register(command: Command): void;
}

export interface CommandEntry {
  name: string;
  /** The line `rakuten --help` shows; the command's own help shows its module's description. */
  summary: string;
  /**
   * The command has options of its own. Commander lists such a command as `name [options]`, but
   * cannot tell for one whose module is not loaded, so the table says it.
   */
  options?: true;
  hidden?: true;
  /**
   * Called only for the command on the line: a module imports all its command runs on
   * (Temporal's client, PostgreSQL, ONNX...), seconds of loading nobody else should wait for.
   */
  load: () => Promise<CommandModule>;
}

/** Every command, in the order `rakuten --help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'dev',
    summary: 'run the whole stack on this machine: Temporal, PostgreSQL, S3, worker and API',
    load: () => import('./commands/dev'),
  },
  {
    name: 'doctor',
    summary: 'check Temporal, the worker, PostgreSQL and S3 through a systemCheck workflow',
    options: true,
    load: () => import('./commands/doctor'),
  },
  {
    name: 'setup',
    summary:
      'apply database migrations, create buckets, register search attributes and apply the schedules (idempotent)',
    load: () => import('./commands/setup'),
  },
  {
    name: 'import',
    summary: 'stream challenge files into the raw bucket and register them as a source',
    options: true,
    load: () => import('./commands/import'),
  },
  {
    name: 'ingest',
    summary: 'run the ingestBatch workflow: load the next rows of the registered sources',
    options: true,
    load: () => import('./commands/ingest'),
  },
  {
    name: 'sources',
    summary: 'registered sources: their state and accounting; retire, reactivate, delete',
    load: () => import('./commands/sources'),
  },
  {
    name: 'reset',
    summary:
      'run the resetData workflow: empty the ingested products and images, keep sources and models',
    options: true,
    load: () => import('./commands/reset'),
  },
  {
    name: 'demo-data',
    summary: "write a seeded synthetic French catalogue in the challenge's X/Y layout",
    options: true,
    load: () => import('./commands/demo-data'),
  },
  {
    name: 'schedules',
    summary: 'the Temporal schedules of this deployment (ingest-every-15m, …)',
    load: () => import('./commands/schedules'),
  },
  {
    name: 'worker',
    summary: 'run workers; start more of them, on more machines, to scale out',
    options: true,
    load: () => import('./commands/worker'),
  },
  {
    name: 'model',
    summary: 'train, evaluate and try the classifier, without Temporal',
    load: () => import('./commands/model'),
  },
  {
    name: 'models',
    summary: 'the model registry: versions, the champion, promotion and rollback',
    load: () => import('./commands/models'),
  },
  {
    name: 'train',
    summary: 'ask the retraining controller for a training now (trainModel on all the data)',
    options: true,
    load: () => import('./commands/train'),
  },
  {
    name: 'retrain',
    summary: 'the retraining controller: its state, thresholds and decisions',
    load: () => import('./commands/retrain'),
  },
  {
    name: 'drift',
    summary: 'drift checks: recent data against the champion model training data',
    load: () => import('./commands/drift'),
  },
  {
    name: 'tokens',
    summary: "bearer tokens for the API's operations endpoints",
    load: () => import('./commands/tokens'),
  },
  {
    name: 'api',
    summary: 'serve the HTTP API on API_HOST:API_PORT',
    load: () => import('./commands/api'),
  },
  {
    name: 'postgres-server',
    summary: 'internal: the process in which `rakuten dev` runs embedded PostgreSQL',
    options: true,
    hidden: true,
    load: () => import('./commands/postgres-server'),
  },
];
