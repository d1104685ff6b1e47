import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './config';

function installedVersion(name: string): string {
  try {
    const file = path.join(PROJECT_ROOT, 'node_modules', name, 'package.json');
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** This project's version, Node's, and those of the named installed packages. */
export function packageVersions(names: readonly string[]): Record<string, string> {
  const self = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  return {
    [self.name]: self.version,
    node: process.versions.node,
    ...Object.fromEntries(names.map((name) => [name, installedVersion(name)])),
  };
}
