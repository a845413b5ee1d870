import { z } from 'zod';
import { DEFAULT_WORKBOOK_MEMORY_MB } from '../modules/imports/file/zip-guard';
import { DEFAULT_TASK_QUEUE } from '../../workflows/shared/task-queues';

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

/** Every setting the system reads. Validated once; server, worker and scripts share it. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: optionalString.pipe(z.url().optional()),
  DATA_DIR: z.string().default('.data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: optionalString.pipe(z.url().optional()),
  EMBEDDED_POSTGRES_PORT: port(54329),
  TEMPORAL_ADDRESS: optionalString,
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default(DEFAULT_TASK_QUEUE),
  /** Prebuilt workflow bundle (npm run build writes dist/workflow-bundle.js); else bundled at worker start. */
  WORKFLOW_BUNDLE_PATH: optionalString,
  /**
   * Longest wait for one call to Temporal (retries included) before it fails: a frozen or
   * unreachable Temporal turns a request into a 503 instead of holding it.
   */
  TEMPORAL_RPC_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  TEMPORAL_UI_URL: optionalString.pipe(z.url().optional()),
  TEMPORAL_CLI_PATH: optionalString,
  EMBEDDED_TEMPORAL_PORT: port(7233),
  EMBEDDED_TEMPORAL_UI_PORT: port(8233),
  ADMIN_EMAIL: z.email().default('admin@clienthub.local'),
  ADMIN_PASSWORD: optionalString.pipe(z.string().min(12).optional()),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  /** Failed sign-ins that lock one address (or known device) out of one login. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  /** Failed sign-ins from all unknown devices that lock a login for unknown devices. */
  LOGIN_ACCOUNT_MAX_FAILURES: z.coerce.number().int().positive().default(50),
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().positive().default(15),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(20),
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

export type RawEnv = z.infer<typeof envSchema>;

/** Settings after defaults that depend on other settings are filled in. */
export interface AppConfig extends RawEnv {
  PUBLIC_URL: string;
  DATABASE_URL: string;
  TEMPORAL_ADDRESS: string;
  TEMPORAL_UI_URL: string;
  corsOrigins: string[];
}
