import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A throw-away data folder. PostgreSQL runs as its own user when we are root, so it must be able to enter it. */
export function makeDataDir(prefix = 'rakuten-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}

export function removeDataDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
