import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The superuser password of data folders created before passwords were generated. Such a folder
 * keeps working: `rakuten dev` rotates it to a generated one on its first start.
 */
export const LEGACY_PG_PASSWORD = 'postgres';

/**
 * Where the embedded PostgreSQL's password is kept: next to its data folder, which it belongs to,
 * so every process of the checkout finds it and another cluster never gets it.
 */
export function pgPasswordFile(pgDataDir: string): string {
  return `${path.resolve(pgDataDir)}.password`;
}

/** The password of the cluster in `pgDataDir`, or undefined before one was generated. */
export function readPgPassword(pgDataDir: string): string | undefined {
  try {
    const text = fs.readFileSync(pgPasswordFile(pgDataDir), 'utf8').trim();
    return text === '' ? undefined : text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The cluster's password, generated (32 random bytes, URL-safe) and written with mode 0600 when
 * there is none yet. An existing file has its mode narrowed to 0600.
 */
export function ensurePgPassword(pgDataDir: string): string {
  const file = pgPasswordFile(pgDataDir);
  const existing = readPgPassword(pgDataDir);
  if (existing !== undefined) {
    fs.chmodSync(file, 0o600);
    return existing;
  }
  const password = randomBytes(32).toString('base64url');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Written then renamed, so a crash never leaves an empty or partial password behind.
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${password}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
  return password;
}
