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

export function writeStackFile(dataDir: string, file: StackFile): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const target = stackFilePath(dataDir);
  // Write then rename, so a reader never sees half a file.
  fs.writeFileSync(`${target}.tmp`, JSON.stringify(file, null, 2));
  fs.renameSync(`${target}.tmp`, target);
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
