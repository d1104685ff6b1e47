import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layers, lowest first. A folder may import from the layers before its own and from itself,
 * never from a later one: `models/` knows nothing of Temporal, PostgreSQL or S3, `core/` nothing
 * of the pipeline, and so on up to the entry points. Folders of an `apart` layer do not import
 * each other either.
 */
const LAYERS = [
  { folders: ['models'] },
  { folders: ['core', 'synthetic'], apart: true },
  { folders: ['activities'] },
  { folders: ['workflows'] },
  { folders: ['api', 'workers'], apart: true },
  { folders: ['infra'] },
  { folders: ['cli'] },
  { folders: ['bench', 'test'] },
];

/** One zone per folder: every folder it must not import from. */
function layerZones() {
  return LAYERS.flatMap((layer, rank) =>
    layer.folders.map((folder) => {
      const above = LAYERS.slice(rank + 1).flatMap((l) => l.folders);
      const siblings = layer.apart ? layer.folders.filter((other) => other !== folder) : [];
      const banned = [...above, ...siblings];
      return {
        target: `./${folder}`,
        from: banned.map((f) => `./${f}`),
        message: `${folder}/ must not import ${banned.join(', ')}: move what they share down a layer (README, Architecture).`,
      };
    }),
  ).filter((zone) => zone.from.length > 0);
}

export default tseslint.config(
  { ignores: ['node_modules/', '.data/', '.tools/'] },
  js.configs.recommended,
  {
    // The console's scripts run in the browser, as they are: no build step.
    files: ['api/console/assets/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { ...globals.browser, echarts: 'readonly' },
    },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    plugins: { 'import-x': importX },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'] })],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // node:test collects describe/it itself; awaiting them is not how it is used.
          allowForKnownSafeCalls: [
            {
              from: 'package',
              package: 'node:test',
              name: ['describe', 'it', 'test', 'before', 'after'],
            },
          ],
        },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-restricted-exports': ['error', { restrictDefaultExports: { direct: true } }],
      'import-x/no-restricted-paths': ['error', { zones: layerZones() }],
    },
  },
  {
    // Workflow code runs in Temporal's sandbox and is replayed: it may use activities' and
    // core's types, but only contracts' values, never code that does I/O.
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)(activities|core/(?!contracts/)[a-z-]+)(/|$)',
              allowTypeImports: true,
              message:
                'workflows import activity and core types only; values come from core/contracts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
  },
);
