import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import type { AppConfig } from '../config/env.schema';
import { hashPassword } from '../common/auth/password-hasher';
import { assertPasswordIsNotLogin, newPasswordSchema } from '../common/auth/password-policy';
import { parseInput } from '../common/validation/parse-input';
import { StaffUser } from '../modules/staff/staff-user.entity';
import { ormOptions } from './mikro-orm.config';

export interface PreparedDatabase {
  adminEmail: string;
  /** Set only on the run that created the first admin without ADMIN_PASSWORD. */
  generatedPassword?: string;
}

/**
 * Applies pending migrations and creates the first staff admin if there is no staff yet. API
 * processes started together (replicas, a rolling deploy) take turns: the first migrates, the
 * others then find nothing to do, instead of running the same migrations or creating a second
 * first admin at the same time.
 */
export async function prepareDatabase(config: AppConfig): Promise<PreparedDatabase> {
  // A session lock on a connection of its own: the migrator uses the ORM's pool.
  const lock = new Client({ connectionString: config.DATABASE_URL });
  await lock.connect();
  try {
    await takeTurn(lock);
    const orm = await MikroORM.init(ormOptions(config.DATABASE_URL));
    try {
      const files = await tableFiles(lock);
      const applied = await orm.getMigrator().up();
      const prepared = await ensureFirstAdmin(orm, config);
      if (applied.length) await vacuumRewrittenTables(lock, files);
      return prepared;
    } finally {
      await orm.close();
    }
  } finally {
    // Ending the session releases the lock.
    await lock.end();
  }
}

const POLL_MS = 250;
const OLDER_TRANSACTIONS_WAIT_MS = 10_000;

/** Asks `done` every POLL_MS until it says so. */
async function pollUntil(done: () => Promise<boolean>): Promise<void> {
  while (!(await done())) await sleep(POLL_MS);
}

/**
 * The session lock, asked for until granted rather than waited on: a statement waiting for it
 * holds a snapshot older than the migrations it waits for, and VACUUM after them could then
 * mark no page all-visible.
 */
const takeTurn = (pg: Client) =>
  pollUntil(async () => {
    const { rows } = await pg.query<{ taken: boolean }>(
      `select pg_try_advisory_lock(hashtextextended('client-hub:prepare-database', 0)) as taken`,
    );
    return rows[0].taken;
  });

/**
 * Waits, for a while, until no transaction of this database that began before now (so before
 * the migrations committed) is open (autovacuum analysing a table, another process's long
 * read): until then a vacuum cannot mark the rewritten rows visible to all. Sessions of other
 * roles show no start unless this role may read all statistics; those are not waited for.
 */
async function olderTransactionsEnded(pg: Client): Promise<void> {
  const deadline = Date.now() + OLDER_TRANSACTIONS_WAIT_MS;
  const {
    rows: [{ since }],
  } = await pg.query<{ since: Date }>('select now() as since');
  await pollUntil(async () => {
    const { rows } = await pg.query<{ open: number }>(
      `select count(*)::int as open from pg_stat_activity
       where datname = current_database() and pid <> pg_backend_pid()
         and backend_xmin is not null and xact_start < $1`,
      [since],
    );
    const { open } = rows[0];
    if (!open) return true;
    if (Date.now() < deadline) return false;
    Logger.warn(
      `${open} transaction(s) older than the migrations still open; vacuuming anyway`,
      'Database',
    );
    return true;
  });
}

/** A table of the schema, the file it is stored in (a rewrite gives it a new one), if not empty. */
interface TableFile {
  name: string;
  file: string;
  filled: boolean;
}

async function tableFiles(pg: Client): Promise<TableFile[]> {
  const { rows } = await pg.query<TableFile>(
    `select format('%I.%I', n.nspname, c.relname) as name, c.relfilenode::text as file,
       pg_relation_size(c.oid) > 0 as filled
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where c.relkind = 'r' and n.nspname = current_schema()`,
  );
  return rows;
}

/**
 * Tables the migrations just rewrote (a stored column added) or filled, vacuumed and analysed:
 * a rewrite leaves the table's visibility map empty, nothing prompts autovacuum, and until it
 * came every index-only scan (an exact count by status) read the table too (the Outbox's failed
 * messages counted in 22 ms, not 11). The analysis gives a new column its statistics. VACUUM
 * cannot run in the migrations' transaction, so it runs here, after the first admin is made, and
 * after the transactions older than the migrations (see olderTransactionsEnded) only when there
 * is a table to vacuum. A failure is logged, not fatal: autovacuum gets there in the end.
 */
async function vacuumRewrittenTables(pg: Client, before: TableFile[]): Promise<void> {
  const earlier = new Set(before.map((t) => t.file));
  const rewritten = (await tableFiles(pg)).filter((t) => t.filled && !earlier.has(t.file));
  if (rewritten.length) await olderTransactionsEnded(pg);
  for (const { name } of rewritten) {
    try {
      await pg.query(`vacuum (analyze) ${name}`);
    } catch (error) {
      Logger.warn(`vacuum of ${name} after the migrations failed: ${String(error)}`, 'Database');
    }
  }
}

async function ensureFirstAdmin(orm: MikroORM, config: AppConfig): Promise<PreparedDatabase> {
  const em = orm.em.fork();
  const [existing] = await em.find(StaffUser, {}, { orderBy: { createdAt: 'asc' }, limit: 1 });
  if (existing) return { adminEmail: existing.email };

  if (config.ADMIN_PASSWORD) {
    parseInput(newPasswordSchema, config.ADMIN_PASSWORD, 'ADMIN_PASSWORD');
    assertPasswordIsNotLogin(config.ADMIN_PASSWORD, config.ADMIN_EMAIL, 'ADMIN_PASSWORD');
  }
  const generatedPassword = config.ADMIN_PASSWORD
    ? undefined
    : randomBytes(12).toString('base64url');
  const admin = em.create(StaffUser, {
    email: config.ADMIN_EMAIL.toLowerCase(),
    firstName: 'Firm',
    lastName: 'Admin',
    passwordHash: await hashPassword(config.ADMIN_PASSWORD ?? generatedPassword!),
    roles: ['staff_admin', 'entities_admin'],
  });
  await em.persistAndFlush(admin);
  await defaultSendingDomain(em, admin.email);
  return { adminEmail: admin.email, generatedPassword };
}

/**
 * On a fresh install the admin's own domain becomes the sending domain, so the first
 * invitation works at once (into the local Outbox until RESEND_API_KEY is set).
 */
async function defaultSendingDomain(em: EntityManager, adminEmail: string): Promise<void> {
  const domain = adminEmail.slice(adminEmail.lastIndexOf('@') + 1);
  await em.getConnection().execute(
    `update firm_settings set sending_domains = array[?]::text[], default_sender = ?
     where id = 'firm' and cardinality(sending_domains) = 0`,
    [domain, `invitations@${domain}`],
  );
}
