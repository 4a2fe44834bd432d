// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

/** What the UI may never import: it talks to typed clients instead (DESIGN.md, STYLE.md). */
const engineAndStorageInternals = [
  { group: ['dexie', 'dexie/*'], message: 'The UI talks to storage repositories, never Dexie.' },
  {
    group: ['@mlc-ai/web-llm', '@huggingface/transformers', 'onnxruntime-web', 'onnxruntime-web/*'],
    message: 'Engines run behind worker clients.',
  },
  { group: ['pdfjs-dist', 'pdfjs-dist/*'], message: 'pdf.js runs in the ingest worker.' },
  {
    group: ['voy-search', 'voy-search/*'],
    message: 'The vector index lives behind a worker client.',
  },
  {
    group: ['**/storage/db', '**/storage/db.ts', '**/storage/schema', '**/storage/schema.ts'],
    message: 'Use a repository function, not the database object.',
  },
  {
    group: ['**/*.worker', '**/*.worker.ts'],
    message: 'Start workers through their typed client.',
  },
  { group: ['**/relay/**'], message: 'The relay is Node code and never ships in the app.' },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.omnia-test/', 'tests/fixtures/', 'dev-dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, svelteConfig },
    },
  },
  {
    files: ['src/app/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: engineAndStorageInternals }] },
  },
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/app/**', 'svelte', 'svelte/*'],
              message: 'core is plain TypeScript: no app, no Svelte.',
            },
            { group: ['**/relay/**'], message: 'The relay is Node code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/storage/**', 'src/models/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/app/**', '**/core/**'],
              message: 'storage and models never import core or app.',
            },
            { group: ['**/relay/**'], message: 'The relay is Node code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/workers/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/app/**', 'svelte', 'svelte/*'],
              message: 'Workers import models, storage and core, never app.',
            },
          ],
        },
      ],
    },
  },
  {
    // Node code and worker entries live in their own tsconfig, not the DOM one.
    files: [
      'src/relay/**/*.ts',
      'scripts/**/*.ts',
      'tests/**/*.ts',
      'bench/**/*.ts',
      '*.config.ts',
    ],
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: false, project: './tsconfig.node.json' },
    },
  },
  {
    files: ['src/workers/**/*.worker.ts'],
    languageOptions: {
      globals: { ...globals.worker },
      parserOptions: { projectService: false, project: './tsconfig.worker.json' },
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: false, project: false },
    },
  },
);
