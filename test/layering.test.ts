import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';
import { PROJECT_ROOT } from '../core/config/config';

/** ESLint's messages for `file` (an existing file of the layer) with `line` added on top. */
async function lintWith(file: string, line: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: PROJECT_ROOT });
  const filePath = path.join(PROJECT_ROOT, file);
  const text = `${line}\n${fs.readFileSync(filePath, 'utf8')}`;
  const [result] = await eslint.lintText(text, { filePath });
  return result!.messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('layering lint rule (npm run lint)', () => {
  it('fails an import from a higher layer', async () => {
    const messages = await lintWith(
      'models/random.ts',
      "import type { Config } from '../core/config/config';\nexport type Probe = Config;",
    );
    assert.ok(
      messages.some((m) =>
        /import-x\/no-restricted-paths: .*models\/ must not import core/.test(m),
      ),
      messages.join('\n'),
    );
  });

  it('fails an import between siblings kept apart (api and workers)', async () => {
    const messages = await lintWith(
      'workers/workflow-bundle.ts',
      "import type { ApiService } from '../api/service';\nexport type Probe = ApiService;",
    );
    assert.ok(
      messages.some((m) => /no-restricted-paths: .*workers\/ must not import .*api/.test(m)),
      messages.join('\n'),
    );
  });

  it('lets workflows import activity types but not activity code', async () => {
    const typeOnly = await lintWith(
      'workflows/system-check.ts',
      "import type { IngestActivities } from '../activities/ingest/activities';\nexport type Probe = IngestActivities;",
    );
    assert.deepEqual(
      typeOnly.filter((m) => /restricted/.test(m)),
      [],
    );
    const code = await lintWith(
      'workflows/system-check.ts',
      "import { createIngestActivities } from '../activities/ingest/activities';\nexport const probe = createIngestActivities;",
    );
    assert.ok(
      code.some((m) =>
        /no-restricted-imports: .*workflows import activity and core types only/.test(m),
      ),
      code.join('\n'),
    );
  });

  it('passes a downward import', async () => {
    const messages = await lintWith(
      'activities/registry/errors.ts',
      "import type { Config } from '../../core/config/config';\nexport type Probe = Config;",
    );
    assert.deepEqual(
      messages.filter((m) => /restricted/.test(m)),
      [],
    );
  });
});
