import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { MAX_RETENTION_DAYS } from '../contracts/retention';
import { LEGACY_PG_PASSWORD, pgPasswordFile, readPgPassword } from './pg-password';
import { readLiveStackEnv } from './stack-file';

/** The project's root, so paths do not depend on the directory a command is run from. */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** Ingestion's defaults, also what activities use when a caller passes no settings. */
export const INGEST_DEFAULTS = {
  chunkRows: 10_000,
  maxFieldBytes: 100_000,
  // The challenge's images are 500x500 JPEGs of about 30 KB: 5 MiB leaves room for any photo.
  imageMaxBytes: 5 * 1024 * 1024,
};

/**
 * Days the retention schedule keeps rows. A drift check reads the champion's last few thousand
 * predictions every two hours: 30 days keeps far more than that at any traffic.
 */
export const RETENTION_DEFAULTS = { predictionLogDays: 30, rejectedRowsDays: 90 };

/**
 * The API's admission limits (measured on 2 cores: see bench/api.ts). 32 products per inference
 * thread wait about 10 ms; 500,000 characters hold 1,000 products of the sample's median length.
 */
export const SERVING_DEFAULTS = { inflightPerThread: 32, maxBatchChars: 500_000 };

const port = z.coerce.number().int().min(1).max(65535);
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

/**
 * Every environment variable the platform reads. The README's configuration table mirrors this
 * schema; keep them in step.
 */
export const envSchema = z.object({
  DATA_DIR: z.string().default(path.join(PROJECT_ROOT, '.data')),
  TOOLS_DIR: z.string().default(path.join(PROJECT_ROOT, '.tools')),
  DEPLOYMENT: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,40}$/, 'use 2-41 lowercase letters, digits or dashes')
    .default('rakuten'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),

  TEMPORAL_ADDRESS: optionalText,
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_API_KEY: optionalText,
  // mTLS to a self-hosted Temporal: PEM files, read when a connection opens.
  TEMPORAL_TLS_CERT: optionalText,
  TEMPORAL_TLS_KEY: optionalText,
  TEMPORAL_TLS_CA: optionalText,
  TEMPORAL_TLS_SERVER_NAME: optionalText,
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  TEMPORAL_UI_URL: optionalText,
  TEMPORAL_QUERY_TIMEOUT_SECONDS: z.coerce.number().min(1).max(300).default(10),

  DATABASE_URL: optionalText.pipe(
    z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional(),
  ),
  PG_PORT: port.default(5433),
  PG_DATA_DIR: optionalText,

  S3_ENDPOINT: optionalText.pipe(
    z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  ),
  S3_PORT: port.max(55000).default(8333),
  // Defaults only for the embedded SeaweedFS: another server's keys must be given (see below).
  S3_ACCESS_KEY: z.string().min(3).optional(),
  S3_SECRET_KEY: z.string().min(8).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),

  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: port.default(8000),

  DEMO_ROWS: z.coerce.number().int().min(0).max(1_000_000).default(20_000),
  DEMO_KEEP: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  INGEST_CHUNK_ROWS: z.coerce.number().int().min(1).max(50_000).default(INGEST_DEFAULTS.chunkRows),
  INGEST_MAX_FIELD_BYTES: z.coerce.number().int().min(1_000).default(INGEST_DEFAULTS.maxFieldBytes),
  // An image is held in memory while it is checked and uploaded: the cap bounds that too.
  IMAGE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1_024)
    .max(100 * 1024 * 1024)
    .default(INGEST_DEFAULTS.imageMaxBytes),
  PREDICTION_LOG_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(0)
    .max(MAX_RETENTION_DAYS)
    .default(RETENTION_DEFAULTS.predictionLogDays),
  REJECTED_ROWS_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(0)
    .max(MAX_RETENTION_DAYS)
    .default(RETENTION_DEFAULTS.rejectedRowsDays),

  PREDICT_REQUIRE_TOKEN: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  SHADOW_VERSION: optionalText,
  SHADOW_SAMPLE: z.coerce.number().min(0).max(1).default(0.1),
  API_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  INFERENCE_THREADS: z.coerce.number().int().min(1).max(256).optional(),
  MODEL_POLL_SECONDS: z.coerce.number().min(1).max(3600).default(15),
  MODEL_CACHE_DIR: optionalText,
  MAX_INFLIGHT: z.coerce.number().int().min(1).max(1_000_000).optional(),
  MAX_BATCH_CHARS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(100_000_000)
    .default(SERVING_DEFAULTS.maxBatchChars),

  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  TEMPORAL_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9465),
  TEMPORAL_SERVER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(8235),
  STACK_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9466),

  TRAINING_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  TRAINING_THREADS: z.coerce.number().int().min(1).max(256).optional(),
});

export type Env = z.input<typeof envSchema>;

export interface Config {
  dataDir: string;
  toolsDir: string;
  deployment: string;
  log: { level: string; format: 'pretty' | 'json' };
  temporal: {
    /** Host:port the clients and workers use. */
    address: string;
    namespace: string;
    apiKey?: string;
    /** mTLS: PEM file paths; a client certificate comes with its key. Unset: no mTLS. */
    tls?: { certFile?: string; keyFile?: string; caFile?: string; serverName?: string };
    /** True when TEMPORAL_ADDRESS is unset and `rakuten dev` runs the dev server itself. */
    embedded: boolean;
    port: number;
    uiPort: number;
    /**
     * The Temporal Web UI, for links from the console and the CLI: TEMPORAL_UI_URL, or the
     * embedded dev server's UI; unset for a production Temporal without it.
     */
    uiUrl: string | undefined;
    /** How long the CLI waits for a workflow to answer a query or update. */
    queryTimeoutSeconds: number;
  };
  postgres: { url: string; embedded: boolean; port: number; dataDir: string };
  s3: {
    endpoint: string;
    embedded: boolean;
    port: number;
    accessKey: string;
    secretKey: string;
    region: string;
  };
  api: {
    host: string;
    port: number;
    url: string;
    /** Prediction endpoints require a bearer token too. */
    predictRequireToken: boolean;
    /** Processes (node cluster) serving on this machine. */
    workers: number;
  };
  serving: {
    /** A version to shadow, or `newest-candidate`; unset: no shadow. */
    shadowVersion?: string;
    /** Share of requests the shadow scores. */
    shadowSample: number;
    /** Polling for a new champion, in case a NOTIFY was missed. */
    pollSeconds: number;
    /** Where downloaded model files are kept. */
    cacheDir: string;
    /** Worker threads featurising and scoring, per API process. */
    inferenceThreads: number;
    /** Products in flight in the inference threads beyond which predictions answer 503. */
    maxInflight: number;
    /** Characters (designations and descriptions) one batch may hold. */
    maxBatchChars: number;
  };
  metrics: {
    /** Where the worker's and the Temporal SDK's /metrics listen. */
    host: string;
    /** The worker's own metrics (rows, training, registry, drift); 0: not served. */
    workerPort: number;
    /** The Temporal SDK's runtime metrics of the worker process; 0: not served. */
    temporalSdkPort: number;
    /** The embedded Temporal dev server's metrics; 0: not served. */
    temporalServerPort: number;
    /** `rakuten dev`'s own metrics (restarts of the components it supervises); 0: not served. */
    stackPort: number;
  };
  /** Synthetic rows `rakuten dev` imports and starts ingesting into an empty database; 0: none. */
  demoRows: number;
  /** The demo source stays active when real labelled data is imported (by default it retires). */
  demoKeep: boolean;
  ingest: {
    /** Rows per transaction; the ledger's resume point advances a chunk at a time. */
    chunkRows: number;
    /** A field longer than this (in UTF-8 bytes) rejects its row. */
    maxFieldBytes: number;
    /** An image file larger than this is rejected unread. */
    imageMaxBytes: number;
  };
  /** Days the `retention-daily` schedule keeps rows; 0: forever. */
  retention: { predictionLogDays: number; rejectedRowsDays: number };
  training: {
    /** Training activities one worker runs at once (candidate families train side by side). */
    concurrency: number;
    /** Cross-validation threads per activity; by default the cores shared among them. */
    threads: number;
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const EMBEDDED_PG_DATABASE = 'rakuten';

/** The embedded PostgreSQL's URL. It listens on 127.0.0.1 only, with a generated password. */
export function embeddedPostgresUrl(port: number, password: string): string {
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${EMBEDDED_PG_DATABASE}`;
}

/** The S3 keys the embedded SeaweedFS is started with; never applied to another server. */
const EMBEDDED_S3_KEYS = { accessKey: 'rakuten', secretKey: 'rakuten-secret' };

export interface LoadConfigOptions {
  /**
   * Fill connection settings from the running embedded stack (`.data/stack.json`), so a CLI
   * in another terminal reaches whatever `npm start` brought up. `rakuten dev` turns it off.
   */
  useRunningStack?: boolean;
}

/** Reads and validates the environment once; every component takes its settings from here. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  { useRunningStack = true }: LoadConfigOptions = {},
): Config {
  const dataDir = path.resolve(
    env.DATA_DIR && env.DATA_DIR.trim() !== '' ? env.DATA_DIR : path.join(PROJECT_ROOT, '.data'),
  );
  const stackEnv = useRunningStack ? readLiveStackEnv(dataDir) : {};
  const parsed = envSchema.safeParse({ ...stackEnv, ...definedOnly(env) });
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const problems = credentialProblems(e);
  if (problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  const pgDataDir = path.resolve(e.PG_DATA_DIR ?? path.join(dataDir, 'postgres'));
  const tls = {
    certFile: e.TEMPORAL_TLS_CERT,
    keyFile: e.TEMPORAL_TLS_KEY,
    caFile: e.TEMPORAL_TLS_CA,
    serverName: e.TEMPORAL_TLS_SERVER_NAME,
  };
  const apiHostForUrl = e.API_HOST === '0.0.0.0' ? '127.0.0.1' : e.API_HOST;
  // The cores, shared among the API processes: the event loops need little of their own.
  const inferenceThreads =
    e.INFERENCE_THREADS ?? Math.max(1, Math.floor(os.availableParallelism() / e.API_WORKERS));
  return {
    dataDir,
    toolsDir: path.resolve(e.TOOLS_DIR),
    deployment: e.DEPLOYMENT,
    log: {
      level: e.LOG_LEVEL,
      format: e.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json'),
    },
    temporal: {
      address: e.TEMPORAL_ADDRESS ?? `127.0.0.1:${e.TEMPORAL_PORT}`,
      namespace: e.TEMPORAL_NAMESPACE,
      apiKey: e.TEMPORAL_API_KEY,
      tls: Object.values(tls).some((v) => v !== undefined) ? tls : undefined,
      embedded: e.TEMPORAL_ADDRESS === undefined,
      port: e.TEMPORAL_PORT,
      uiPort: e.TEMPORAL_UI_PORT,
      uiUrl:
        e.TEMPORAL_UI_URL ??
        (e.TEMPORAL_ADDRESS === undefined ? `http://127.0.0.1:${e.TEMPORAL_UI_PORT}` : undefined),
      queryTimeoutSeconds: e.TEMPORAL_QUERY_TIMEOUT_SECONDS,
    },
    postgres: {
      url:
        e.DATABASE_URL ??
        embeddedPostgresUrl(e.PG_PORT, embeddedPgPassword(pgDataDir) ?? LEGACY_PG_PASSWORD),
      embedded: e.DATABASE_URL === undefined,
      port: e.PG_PORT,
      dataDir: pgDataDir,
    },
    s3: {
      endpoint: e.S3_ENDPOINT ?? `http://127.0.0.1:${e.S3_PORT}`,
      embedded: e.S3_ENDPOINT === undefined,
      port: e.S3_PORT,
      accessKey: e.S3_ACCESS_KEY ?? EMBEDDED_S3_KEYS.accessKey,
      secretKey: e.S3_SECRET_KEY ?? EMBEDDED_S3_KEYS.secretKey,
      region: e.S3_REGION,
    },
    api: {
      host: e.API_HOST,
      port: e.API_PORT,
      url: `http://${apiHostForUrl}:${e.API_PORT}`,
      predictRequireToken: e.PREDICT_REQUIRE_TOKEN,
      workers: e.API_WORKERS,
    },
    serving: {
      shadowVersion: e.SHADOW_VERSION,
      shadowSample: e.SHADOW_SAMPLE,
      pollSeconds: e.MODEL_POLL_SECONDS,
      cacheDir: path.resolve(e.MODEL_CACHE_DIR ?? path.join(dataDir, 'model-cache')),
      inferenceThreads,
      maxInflight: e.MAX_INFLIGHT ?? SERVING_DEFAULTS.inflightPerThread * inferenceThreads,
      maxBatchChars: e.MAX_BATCH_CHARS,
    },
    metrics: {
      host: e.METRICS_HOST,
      workerPort: e.WORKER_METRICS_PORT,
      temporalSdkPort: e.TEMPORAL_METRICS_PORT,
      temporalServerPort: e.TEMPORAL_SERVER_METRICS_PORT,
      stackPort: e.STACK_METRICS_PORT,
    },
    demoRows: e.DEMO_ROWS,
    demoKeep: e.DEMO_KEEP,
    ingest: {
      chunkRows: e.INGEST_CHUNK_ROWS,
      maxFieldBytes: e.INGEST_MAX_FIELD_BYTES,
      imageMaxBytes: e.IMAGE_MAX_BYTES,
    },
    retention: {
      predictionLogDays: e.PREDICTION_LOG_RETENTION_DAYS,
      rejectedRowsDays: e.REJECTED_ROWS_RETENTION_DAYS,
    },
    training: {
      concurrency: e.TRAINING_CONCURRENCY,
      threads:
        e.TRAINING_THREADS ??
        Math.max(1, Math.floor(os.availableParallelism() / e.TRAINING_CONCURRENCY)),
    },
  };
}

/** The variables that point a process at an already running stack. */
export function connectionEnv(config: Config): Record<string, string> {
  const env: Record<string, string> = {
    DATA_DIR: config.dataDir,
    DEPLOYMENT: config.deployment,
    TEMPORAL_ADDRESS: config.temporal.address,
    TEMPORAL_NAMESPACE: config.temporal.namespace,
    DATABASE_URL: config.postgres.url,
    S3_ENDPOINT: config.s3.endpoint,
    S3_ACCESS_KEY: config.s3.accessKey,
    S3_SECRET_KEY: config.s3.secretKey,
    S3_REGION: config.s3.region,
    API_HOST: config.api.host,
    API_PORT: String(config.api.port),
  };
  if (config.temporal.apiKey) env.TEMPORAL_API_KEY = config.temporal.apiKey;
  const tls = config.temporal.tls;
  if (tls?.certFile) env.TEMPORAL_TLS_CERT = tls.certFile;
  if (tls?.keyFile) env.TEMPORAL_TLS_KEY = tls.keyFile;
  if (tls?.caFile) env.TEMPORAL_TLS_CA = tls.caFile;
  if (tls?.serverName) env.TEMPORAL_TLS_SERVER_NAME = tls.serverName;
  return env;
}

/** The embedded cluster's generated password, if any; unreadable, it says which file. */
function embeddedPgPassword(pgDataDir: string): string | undefined {
  try {
    return readPgPassword(pgDataDir);
  } catch (error) {
    throw new ConfigError(
      `Cannot read the embedded PostgreSQL's password in ${pgPasswordFile(pgDataDir)} (${(error as NodeJS.ErrnoException).code}): run as the user who started the stack, or set DATABASE_URL`,
    );
  }
}

/**
 * Credentials that must come together: a production address never falls back to the embedded
 * stack's, and a certificate is useless without its key.
 */
function credentialProblems(e: z.output<typeof envSchema>): string[] {
  const problems: string[] = [];
  if (e.DATABASE_URL !== undefined && new URL(e.DATABASE_URL).password === '') {
    problems.push(
      'DATABASE_URL: has no password; write it as postgres://USER:PASSWORD@HOST:PORT/DATABASE',
    );
  }
  if (e.S3_ENDPOINT !== undefined) {
    for (const key of ['S3_ACCESS_KEY', 'S3_SECRET_KEY'] as const) {
      if (e[key] === undefined) {
        problems.push(
          `${key}: must be set when S3_ENDPOINT is (the embedded store's default keys are not used for another server)`,
        );
      }
    }
  }
  if ((e.TEMPORAL_TLS_CERT === undefined) !== (e.TEMPORAL_TLS_KEY === undefined)) {
    problems.push('TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY: set both or neither');
  }
  for (const key of ['TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY', 'TEMPORAL_TLS_CA'] as const) {
    const file = e[key];
    if (file === undefined) continue;
    try {
      fs.accessSync(file, fs.constants.R_OK);
    } catch (error) {
      problems.push(`${key}: cannot read ${file} (${(error as NodeJS.ErrnoException).code})`);
    }
  }
  return problems;
}

/**
 * The URL with its password masked, for logs and messages. Parsed, so a password holding `:` or
 * `@` is masked whole. A password with a bare `/` ends the parsed authority early (its tail would
 * read as a path holding an `@`), and some do not parse at all: those are masked from the scheme
 * to the last `@`.
 */
export function redactUrl(url: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed && !`${parsed.pathname}${parsed.search}${parsed.hash}`.includes('@')) {
    if (parsed.password === '') return url;
    parsed.password = '***';
    return parsed.toString();
  }
  const start = url.indexOf('://');
  const at = url.lastIndexOf('@');
  return start >= 0 && at > start ? `${url.slice(0, start + 3)}***${url.slice(at)}` : url;
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') out[key] = value;
  }
  return out;
}
