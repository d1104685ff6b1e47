import fs from 'node:fs';
import path from 'node:path';

/**
 * What a running `rakuten dev` publishes under its data folder, so that commands started in
 * another terminal find the embedded services without any configuration.
 */
export interface StackFile {
  pid: number;
  startedAt: string;
  /** Connection variables, in the same form as the environment. */
  env: Record<string, string>;
  urls: Record<string, string>;
  /** Child processes by component, so a later start can reap them if this one was killed. */
  children: Record<string, number>;
}

export function stackFilePath(dataDir: string): string {
  return path.join(dataDir, 'stack.json');
}

export function readStackFile(dataDir: string): StackFile | undefined {
  try {
    return JSON.parse(fs.readFileSync(stackFilePath(dataDir), 'utf8')) as StackFile;
  } catch {
    return undefined;
  }
}

/**
 * The stack file holds the database password, the S3 secret and any Temporal API key: it is
 * written with mode 0600, in a data folder of mode 0700 (both narrowed if they were wider).
 */
export function writeStackFile(dataDir: string, file: StackFile): void {
  secureDataDir(dataDir);
  const target = stackFilePath(dataDir);
  // Write then rename, so a reader never sees half a file; the mode is set before any byte lands.
  const tmp = `${target}.${process.pid}.tmp`;
  fs.rmSync(tmp, { force: true });
  fs.writeFileSync(tmp, JSON.stringify(file, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, target);
}

/**
 * Creates the data folder with mode 0700, or narrows an existing one to it. One exception: run
 * as root, the embedded PostgreSQL runs as the `postgres` user, which must pass through the
 * folder to reach its own; the stack then hands the folder's group to it (0710, see
 * infra/stack/postgres.ts), and that traverse-only bit is kept, for a group other than root's.
 */
export function secureDataDir(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const { gid, mode } = fs.statSync(dataDir);
  const traverse = process.getuid?.() === 0 && gid !== 0 ? mode & 0o010 : 0;
  fs.chmodSync(dataDir, 0o700 | traverse);
}

export function removeStackFile(dataDir: string): void {
  fs.rmSync(stackFilePath(dataDir), { force: true });
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The connection variables of the stack running from `dataDir`, or none if it is not running. */
export function readLiveStackEnv(dataDir: string): Record<string, string> {
  const file = readStackFile(dataDir);
  return file && isProcessAlive(file.pid) ? file.env : {};
}
