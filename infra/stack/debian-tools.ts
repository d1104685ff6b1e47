import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../core/logging/logger';
import { findOnPath } from './binaries';
import { StackError } from '../../core/stack-error';

export type DebianTool = 'prometheus' | 'promtool' | 'docker-compose';

/** The Debian package each tool ships in. */
export const DEBIAN_PACKAGES: Record<DebianTool, string> = {
  prometheus: 'prometheus',
  promtool: 'prometheus',
  'docker-compose': 'docker-compose',
};

/** Bookworm's python3-* packages are built for this version (C extensions included). */
export const DEBIAN_PYTHON = '3.11';

export interface DebianToolOptions {
  toolsDir: string;
  logger: Logger;
  /** Where to look first; the process PATH by default. */
  pathEnv?: string;
  /** Tests point these at nothing to see the failure. */
  aptGet?: string;
  aptCache?: string;
  /** Interpreters to try for docker-compose, in order. */
  pythons?: string[];
}

function run(command: string, args: string[], cwd?: string): string {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw new Error(`${command}: ${result.error.message}`);
  if (result.status !== 0) {
    const last = result.stderr.trim().split('\n').pop() ?? '';
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}: ${last}`);
  }
  return result.stdout;
}

const debRoot = (toolsDir: string, pkg: string) => path.join(toolsDir, 'deb', pkg);

function findInTools(binary: DebianTool, toolsDir: string): string | undefined {
  if (binary === 'docker-compose') return findOnPath(binary, path.join(toolsDir, 'bin'));
  return findOnPath(binary, path.join(debRoot(toolsDir, DEBIAN_PACKAGES[binary]), 'usr', 'bin'));
}

/** docker-compose plus the python3-* packages it pulls in; the interpreter itself is the system's. */
function packagesFor(pkg: string, aptCache: string): string[] {
  if (pkg !== 'docker-compose') return [pkg];
  const tree = run(aptCache, [
    'depends',
    '--recurse',
    '--no-recommends',
    '--no-suggests',
    '--no-conflicts',
    '--no-breaks',
    '--no-replaces',
    '--no-enhances',
    pkg,
  ]);
  const names = tree
    .split('\n')
    .filter((line) => line === pkg || /^python3-[a-z0-9.+-]+$/.test(line))
    .filter((line) => line !== 'python3-minimal');
  return [...new Set(names)].sort();
}

/**
 * Downloads and unpacks into a scratch folder renamed into place at the end, so a second process
 * installing at the same time never sees a half-unpacked tree.
 */
function unpackPackage(pkg: string, options: DebianToolOptions): void {
  const aptGet = options.aptGet ?? 'apt-get';
  const aptCache = options.aptCache ?? 'apt-cache';
  const target = debRoot(options.toolsDir, pkg);
  const scratch = `${target}.install-${process.pid}`;
  const debs = path.join(scratch, 'debs');
  const root = path.join(scratch, 'root');
  const download = () => {
    fs.rmSync(debs, { recursive: true, force: true });
    fs.mkdirSync(debs, { recursive: true });
    // As root apt hands the download to the `_apt` user, who cannot write into our folder.
    run(
      aptGet,
      ['-q', '-o', 'APT::Sandbox::User=root', 'download', ...packagesFor(pkg, aptCache)],
      debs,
    );
  };
  fs.rmSync(scratch, { recursive: true, force: true });
  try {
    options.logger.info(`fetching Debian's ${pkg} package into ${target}`);
    try {
      download();
    } catch (error) {
      // A fresh machine may have no package lists, or ones too old to name the current version.
      options.logger.info(`${(error as Error).message}; running apt-get update and retrying`);
      run(aptGet, ['-qq', 'update']);
      download();
    }
    for (const deb of fs.readdirSync(debs).filter((f) => f.endsWith('.deb'))) {
      run('dpkg-deb', ['-x', path.join(debs, deb), root]);
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    try {
      fs.renameSync(root, target);
    } catch (error) {
      if (!fs.existsSync(target)) throw error;
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** The first interpreter of Debian's Python version, as the absolute path it reports. */
function findPython(pythons: string[]): string {
  const seen: string[] = [];
  for (const python of pythons) {
    const result = spawnSync(
      python,
      ['-c', 'import sys; print("%d.%d" % sys.version_info[:2], sys.executable)'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    if (result.error || result.status !== 0) continue;
    const [version, executable] = result.stdout.trim().split(' ');
    if (version === DEBIAN_PYTHON && executable) return executable;
    seen.push(`${python} is ${version}`);
  }
  throw new Error(
    `docker-compose from Debian bookworm needs Python ${DEBIAN_PYTHON}` +
      (seen.length > 0 ? ` (${seen.join(', ')})` : ' (none found)'),
  );
}

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/** A launcher that tells the system Python where the unpacked packages are. */
function writeComposeWrapper(options: DebianToolOptions, python: string): void {
  const root = debRoot(options.toolsDir, 'docker-compose');
  const libDir = path.join(root, 'usr', 'lib');
  // dist-packages, plus python3.11/ where Debian moved distutils, which docker-compose imports.
  const pythonPath = [
    path.join(libDir, 'python3', 'dist-packages'),
    ...fs
      .readdirSync(libDir)
      .filter((d) => /^python3\.\d+$/.test(d))
      .map((d) => path.join(libDir, d)),
  ].join(':');
  const script = [
    '#!/bin/sh',
    "# Debian's docker-compose, unpacked (not installed) by stack/debian-tools.ts.",
    `PYTHONPATH=${shellQuote(pythonPath)} exec ${shellQuote(python)} -s ${shellQuote(path.join(root, 'usr', 'bin', 'docker-compose'))} "$@"`,
    '',
  ].join('\n');
  const bin = path.join(options.toolsDir, 'bin');
  fs.mkdirSync(bin, { recursive: true });
  const temp = path.join(bin, `.docker-compose.${process.pid}`);
  fs.writeFileSync(temp, script, { mode: 0o755 });
  fs.renameSync(temp, path.join(bin, 'docker-compose'));
}

/**
 * Finds a Debian tool on PATH, then in `<toolsDir>`, and otherwise fetches its package with
 * `apt-get download` and unpacks it there: nothing is installed system-wide. Returns the absolute
 * path of a runnable command.
 */
export function ensureDebianTool(binary: DebianTool, options: DebianToolOptions): string {
  const pathEnv = options.pathEnv ?? process.env.PATH ?? '';
  const found = findOnPath(binary, pathEnv) ?? findInTools(binary, options.toolsDir);
  if (found) return path.resolve(found);

  const pkg = DEBIAN_PACKAGES[binary];
  try {
    const python =
      binary === 'docker-compose'
        ? findPython(options.pythons ?? ['/usr/bin/python3', 'python3'])
        : undefined;
    if (!fs.existsSync(debRoot(options.toolsDir, pkg))) unpackPackage(pkg, options);
    if (python) writeComposeWrapper(options, python);
  } catch (error) {
    const hint =
      binary === 'docker-compose'
        ? `\`apt-get install docker-compose\` (or Docker's compose plugin and a \`docker-compose\` on PATH)`
        : `\`apt-get install prometheus\``;
    throw new StackError(
      `Cannot find \`${binary}\` on PATH or in ${options.toolsDir}, and setting it up from ` +
        `Debian's \`${pkg}\` package failed (${(error as Error).message}). Install it with ${hint}.`,
    );
  }
  const installed = findInTools(binary, options.toolsDir);
  if (!installed) {
    throw new StackError(
      `Debian's \`${pkg}\` package was unpacked into ${debRoot(options.toolsDir, pkg)} but has ` +
        `no \`${binary}\`. Install it with \`apt-get install ${pkg}\`.`,
    );
  }
  return path.resolve(installed);
}
