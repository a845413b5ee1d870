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

/** Files whose SQL has not moved into a repository yet. */
const sqlNotMovedYet = [
  'server/modules/campaigns/campaign-audience.sql.ts',
  'server/modules/campaigns/campaign-reader.service.ts',
  'server/modules/campaigns/campaigns.service.ts',
  'server/modules/campaigns/delivery/campaign-mailer.service.ts',
  'server/modules/campaigns/delivery/campaign-reconciler.service.ts',
  'server/modules/campaigns/delivery/campaign-run.service.ts',
  'server/modules/campaigns/unsubscribe.service.ts',
  'server/modules/client-files/client-files.service.ts',
  'server/modules/clients/client-list.sql.ts',
  'server/modules/clients/clients.service.ts',
  'server/modules/contacts/contacts.service.ts',
  'server/modules/dashboard/dashboard.service.ts',
  'server/modules/email/email-delivery.service.ts',
  'server/modules/email/outbox.service.ts',
  'server/modules/email/outgoing-email.ts',
  'server/modules/email/send-pace.ts',
  'server/modules/file-requests/delivery/file-request-lifecycle.service.ts',
  'server/modules/file-requests/delivery/file-request-mailer.service.ts',
  'server/modules/file-requests/delivery/file-request-reconciler.service.ts',
  'server/modules/file-requests/delivery/file-request-rejection-mailer.service.ts',
  'server/modules/file-requests/delivery/file-request-workflows.service.ts',
  'server/modules/file-requests/delivery/live-request.sql.ts',
  'server/modules/file-requests/delivery/request-recipients.sql.ts',
  'server/modules/file-requests/file-request-answers.service.ts',
  'server/modules/file-requests/file-request-locks.sql.ts',
  'server/modules/file-requests/file-request-reader.service.ts',
  'server/modules/file-requests/file-request-state.sql.ts',
  'server/modules/file-requests/file-requests.service.ts',
  'server/modules/files/file-store.service.ts',
  'server/modules/groups/groups.service.ts',
  'server/modules/imports/delivery/import-chunk.service.ts',
  'server/modules/imports/delivery/import-staging.service.ts',
  'server/modules/imports/delivery/import-undo.service.ts',
  'server/modules/imports/delivery/import-writer.ts',
  'server/modules/imports/import-reader.service.ts',
  'server/modules/invitations/accept-link.ts',
  'server/modules/invitations/delivery/invitation-batch.service.ts',
  'server/modules/invitations/delivery/invitation-mailer.service.ts',
  'server/modules/invitations/end-invitation.sql.ts',
  'server/modules/invitations/insert-invitations.sql.ts',
  'server/modules/invitations/invitation-reader.service.ts',
  'server/modules/invitations/invitation-targets.sql.ts',
  'server/modules/invitations/invitations.service.ts',
  'server/modules/playbooks/delivery/playbook-mailer.service.ts',
  'server/modules/playbooks/delivery/playbook-reconciler.service.ts',
  'server/modules/playbooks/delivery/playbook-run-workflows.service.ts',
  'server/modules/playbooks/delivery/playbook-step-runner.service.ts',
  'server/modules/playbooks/delivery/playbook-triggers.sql.ts',
  'server/modules/playbooks/delivery/steps/file-request-step.handler.ts',
  'server/modules/playbooks/delivery/steps/playbook-run-lock.service.ts',
  'server/modules/playbooks/delivery/steps/playbook-run-log.ts',
  'server/modules/playbooks/delivery/steps/tag-step.handler.ts',
  'server/modules/playbooks/delivery/steps/wait-step.handler.ts',
  'server/modules/playbooks/playbook-reader.service.ts',
  'server/modules/playbooks/playbook-references.sql.ts',
  'server/modules/playbooks/playbooks.service.ts',
  'server/modules/request-templates/request-templates.service.ts',
  'server/modules/segments/segments.service.ts',
  'server/modules/sharing/client-access.service.ts',
  'server/modules/tags/tag-colours.ts',
  'server/modules/tags/tags.service.ts',
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
    ignores: [
      'server/temporal/temporal.service.ts',
      'server/database/**',
      '**/*.repository.ts',
      ...sqlNotMovedYet,
    ],
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
