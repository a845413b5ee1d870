import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const workflowStartsTyped = {
  selector:
    "CallExpression[callee.object.property.name='workflow'][callee.property.name=/^(start|execute|signalWithStart)$/]",
  message:
    'Start workflows through TemporalService (start, execute, signalWithStart): it checks their names and arguments.',
};

/** Statements are named functions in their module's `*.repository.ts`, run by a SqlRunner. */
// Statement openings, not English: "select at least one", " with this id" are messages.
const SQL_START = String.raw`/^\s*(select\s(?!at\s)|insert\s+into\s|update\s+\w+\s+set\s|delete\s+from\s|with\s+(recursive\s+)?\w+(\s*\([^)]*\))?\s+as\s*\()/`;
const sqlInRepositories = [
  {
    selector: `TemplateElement[value.raw=${SQL_START}]`,
    message: "SQL lives in its module's *.repository.ts, as a named function taking a SqlRunner.",
  },
  {
    selector: `Literal[value=${SQL_START}]`,
    message: "SQL lives in its module's *.repository.ts, as a named function taking a SqlRunner.",
  },
  {
    selector:
      "CallExpression[callee.property.name='execute'][callee.object.callee.property.name='getConnection']",
    message:
      'Run SQL from a repository function through a SqlRunner (server/database/sql-runner.ts).',
  },
];

/** Node built-ins, Nest and the ORM are off-limits in workflow code: it must stay deterministic. */
const workflowForbidden = {
  patterns: [
    { group: ['node:*'], message: 'Workflow code is deterministic: no Node built-ins.' },
    {
      group: ['@nestjs/*', '@mikro-orm/*', 'pg', 'exceljs', 'resend'],
      message: 'Workflow code imports no Nest, ORM or I/O library; call an activity.',
    },
    {
      group: ['**/server/**', '**/worker/**'],
      message: 'Workflow code imports only workflows/ and @temporalio/workflow.',
    },
  ],
  paths: [
    'fs',
    'path',
    'crypto',
    'http',
    'https',
    'net',
    'os',
    'child_process',
    'stream',
    'util',
    'events',
    'worker_threads',
    'dns',
    'zlib',
    'process',
    'timers',
  ].map((name) => ({
    name,
    message: 'Workflow code is deterministic: no Node built-ins.',
  })),
};

export default tseslint.config(
  { ignores: ['dist/**', 'admin/dist/**', 'node_modules/**', '.data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', workflowForbidden] },
  },
  {
    files: ['server/**/*.ts', 'worker/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['server/temporal/temporal.service.ts'],
    rules: {
      'no-restricted-syntax': ['error', workflowStartsTyped],
    },
  },
  {
    files: ['server/**/*.ts'],
    ignores: ['server/temporal/temporal.service.ts', 'server/database/**', '**/*.repository.ts'],
    rules: { 'no-restricted-syntax': ['error', workflowStartsTyped, ...sqlInRepositories] },
  },
  {
    files: ['admin/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
