import { z } from 'zod';
import { parseMasterKey } from '../modules/storage/master-keyring';
import { DEFAULT_WORKBOOK_MEMORY_MB } from '../modules/imports/file/zip-guard';
import { DEFAULT_TASK_QUEUE } from '../../workflows/shared/task-queues';

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

const masterKey = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    const key = parseMasterKey(v);
    if (typeof key === 'string') ctx.addIssue({ code: 'custom', message: key });
  });

/** Express's `trust proxy`: its address names, or addresses and subnets, comma-separated. */
const trustedProxies = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z.union([
        z.enum(['loopback', 'linklocal', 'uniquelocal']),
        z.ipv4(),
        z.ipv6(),
        z.cidrv4(),
        z.cidrv6(),
      ]),
    ),
  );

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

/** Every setting the system reads. Validated once; server, worker and scripts share it. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port(3000),
  HOST: z.string().default('0.0.0.0'),
  /**
   * Reverse proxies whose X-Forwarded-For gives the client's address (sign-in limits, audit):
   * `loopback` for one on the same machine, `uniquelocal` for one on a private container network.
   */
  TRUST_PROXY: trustedProxies.default(['loopback']),
  PUBLIC_URL: optionalString.pipe(z.url().optional()),
  DATA_DIR: z.string().default('.data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: optionalString.pipe(z.url().optional()),
  EMBEDDED_POSTGRES_PORT: port(54329),
  TEMPORAL_ADDRESS: optionalString,
  TEMPORAL_NAMESPACE: z.string().default('default'),
  /** Temporal Cloud's API key: the API and worker then connect over TLS with it. */
  TEMPORAL_API_KEY: optionalString,
  TEMPORAL_TASK_QUEUE: z.string().default(DEFAULT_TASK_QUEUE),
  /** Prebuilt workflow bundle (npm run build writes dist/workflow-bundle.js); else bundled at worker start. */
  WORKFLOW_BUNDLE_PATH: optionalString,
  /**
   * Longest wait for one call to Temporal (retries included) before it fails: a frozen or
   * unreachable Temporal turns a request into a 503 instead of holding it.
   */
  TEMPORAL_RPC_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  TEMPORAL_UI_URL: optionalString.pipe(z.url().optional()),
  /**
   * Longest wait of the API for one SQL statement: a database that stops answering (frozen,
   * failing over) turns a request into a 503 instead of holding it. The worker has none.
   */
  DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  /**
   * Longest a list page waits on a statement it can do without, on a table large enough to be
   * sampled: an exact count, which runs after its page and gets as long as the page took, at
   * least a fifth of this (past it the total is estimated, "about N"); a guessed walk gets twice
   * this (the matches are then collected).
   */
  LIST_BUDGET_MS: z.coerce.number().int().min(1).max(60_000).default(50),
  TEMPORAL_CLI_PATH: optionalString,
  EMBEDDED_TEMPORAL_PORT: port(7233),
  EMBEDDED_TEMPORAL_UI_PORT: port(8233),
  ADMIN_EMAIL: z.email().default('admin@clienthub.local'),
  ADMIN_PASSWORD: optionalString.pipe(z.string().min(12).optional()),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  /** A session not used for this long ends, whatever is left of SESSION_TTL_HOURS. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(10_080).default(30),
  /** Failed sign-ins that lock one address (or known device) out of one login. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  /** Failed sign-ins from all unknown devices that lock a login for unknown devices. */
  LOGIN_ACCOUNT_MAX_FAILURES: z.coerce.number().int().positive().default(50),
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().positive().default(15),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(20),
  /** Wrong second-factor codes in a row that lock an account's second factor, and for how long. */
  MFA_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  MFA_LOCKOUT_MINUTES: z.coerce.number().positive().default(15),
  /** How long an emailed password-reset link works. */
  PASSWORD_RESET_TTL_MINUTES: z.coerce.number().int().min(5).max(1440).default(60),
  /** Password-reset requests an hour for one email address, and from one IP address. */
  PASSWORD_RESET_MAX_PER_EMAIL: z.coerce.number().int().positive().default(5),
  PASSWORD_RESET_MAX_PER_ADDRESS: z.coerce.number().int().positive().default(30),
  CORS_ORIGINS: optionalString,
  /** Lets a monitor without a staff session run the deep health check (Authorization: Bearer). */
  HEALTH_TOKEN: optionalString.pipe(z.string().min(32).optional()),
  IMPORT_MAX_FILE_MB: z.coerce.number().positive().default(50),
  IMPORT_MAX_ROWS: z.coerce.number().int().positive().default(1_000_000),
  /** Memory an .xlsx's text may take while it is read; lowered to 40% of the process's heap. */
  IMPORT_XLSX_MAX_MEMORY_MB: z.coerce.number().positive().default(DEFAULT_WORKBOOK_MEMORY_MB),
  /** Rows per processing activity: one transaction, one heartbeat. */
  IMPORT_CHUNK_SIZE: z.coerce.number().int().min(1).max(10_000).default(1000),
  IMPORT_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(4),
  /** Largest file a client's workspace takes in one upload. */
  FILE_MAX_MB: z.coerce.number().positive().max(2048).default(100),
  /** Selects S3-compatible object storage for files (else they stay under DATA_DIR/files). */
  S3_BUCKET: optionalString,
  /** Any S3-compatible endpoint (MinIO, SeaweedFS, R2…); AWS's own when unset. */
  S3_ENDPOINT: optionalString.pipe(z.url().optional()),
  S3_REGION: z.string().trim().min(1).default('us-east-1'),
  /** Else the AWS SDK's default chain (instance role, AWS_* variables, profile). */
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  /** bucket-in-path addressing, as MinIO and most self-hosted stores want; default when S3_ENDPOINT is set. */
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).optional(),
  /** Prepended to every object key, to share a bucket (e.g. `client-hub/`). */
  S3_PREFIX: z.string().trim().default(''),
  /** Base64 of 32 random bytes: wraps the key of every stored file. */
  STORAGE_MASTER_KEY: masterKey.optional(),
  /** A file holding the master key (a Docker or Kubernetes secret); created if missing with local storage. */
  STORAGE_MASTER_KEY_FILE: optionalString,
  /** Earlier master keys (comma-separated), still read while `npm run storage:rewrap` moves files off them. */
  STORAGE_PREVIOUS_MASTER_KEYS: optionalString.pipe(
    z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean),
      )
      .pipe(z.array(masterKey))
      .optional(),
  ),
  RESEND_API_KEY: optionalString,
  RESEND_BASE_URL: optionalString.pipe(z.url().optional()),
  RESEND_WEBHOOK_SECRET: optionalString,
  /** Resend's API rate limit (requests a second, per team); the email task queue keeps under it. */
  RESEND_REQUESTS_PER_SECOND: z.coerce.number().positive().max(100).default(2),
  /** Emails per Resend batch request (the API takes at most 100). */
  EMAIL_BATCH_SIZE: z.coerce.number().int().min(1).max(100).default(100),
  /** The bell: at most one manual reminder per contact in this many seconds. */
  INVITE_REMIND_COOLDOWN_SECONDS: z.coerce.number().int().min(0).default(3600),
  /** Rejected file request items are emailed once staff have rejected nothing more for this long. */
  FILE_REQUEST_REJECTION_QUIET_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
});

/** Settings that only make sense together. */
export const settingsSchema = envSchema.superRefine((env, ctx) => {
  // A guessed walk gets twice the budget; past the query timeout the API would answer 503 instead.
  if (2 * env.LIST_BUDGET_MS >= env.DATABASE_QUERY_TIMEOUT_MS) {
    ctx.addIssue({
      code: 'custom',
      path: ['LIST_BUDGET_MS'],
      message: `must be under half of DATABASE_QUERY_TIMEOUT_MS (${env.DATABASE_QUERY_TIMEOUT_MS})`,
    });
  }
  const s3Only = ['S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;
  for (const name of s3Only) {
    if (env[name] && !env.S3_BUCKET) {
      ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: `required with ${name}` });
    }
  }
  if (!env.S3_ACCESS_KEY_ID !== !env.S3_SECRET_ACCESS_KEY) {
    const missing = env.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID';
    ctx.addIssue({
      code: 'custom',
      path: [missing],
      message: 'set both S3 access key variables or neither',
    });
  }
  // A key generated on one machine cannot decrypt on another: a shared store needs a given key.
  if (env.S3_BUCKET && !env.STORAGE_MASTER_KEY && !env.STORAGE_MASTER_KEY_FILE) {
    ctx.addIssue({
      code: 'custom',
      path: ['STORAGE_MASTER_KEY'],
      message: 'required with S3_BUCKET (or STORAGE_MASTER_KEY_FILE): openssl rand -base64 32',
    });
  }
  if (env.STORAGE_MASTER_KEY && env.STORAGE_MASTER_KEY_FILE) {
    ctx.addIssue({
      code: 'custom',
      path: ['STORAGE_MASTER_KEY_FILE'],
      message: 'set STORAGE_MASTER_KEY or this, not both',
    });
  }
});

export type RawEnv = z.infer<typeof envSchema>;

/** Settings after defaults that depend on other settings are filled in. */
export interface AppConfig extends RawEnv {
  PUBLIC_URL: string;
  DATABASE_URL: string;
  TEMPORAL_ADDRESS: string;
  TEMPORAL_UI_URL: string;
  corsOrigins: string[];
}
