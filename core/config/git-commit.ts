import { execFileSync } from 'node:child_process';
import { PROJECT_ROOT } from './config';

let cached: string | null | undefined;

/** The commit of the running code: GIT_COMMIT when a build sets it, else the checkout's HEAD. */
export function gitCommit(): string | null {
  if (cached !== undefined) return cached;
  cached = process.env.GIT_COMMIT ?? null;
  if (cached === null) {
    try {
      const head = execFileSync('git', ['rev-parse', 'HEAD'], {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
      const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
      cached = dirty === '' ? head : `${head}-dirty`;
    } catch {
      cached = null;
    }
  }
  return cached;
}
