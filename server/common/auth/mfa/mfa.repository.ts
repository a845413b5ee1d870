import { pgArray } from '@server/database/pg-array';
import type { SqlRunner } from '@server/database/sql-runner';
import type { FirmRole } from '../../access/firm-role';
import { accountTable, ownerColumn, type MfaAccount } from './mfa-account';

type AccountRef = Pick<MfaAccount, 'kind' | 'id'>;

export interface FactorRow {
  id: string;
  secret: string;
  confirmed_at: Date | null;
}

export interface MfaChallengeRow extends MfaAccount {
  ip: string | null;
  userAgent: string | null;
}

export interface NewMfaChallenge {
  tokenHash: string;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

/** The account's factor, confirmed or still being enrolled. */
export async function findMfaFactor(
  sql: SqlRunner,
  account: AccountRef,
): Promise<FactorRow | undefined> {
  const [row] = await sql<FactorRow[]>(
    `select id, secret, confirmed_at from mfa_factor where ${ownerColumn(account.kind)} = ?`,
    [account.id],
  );
  return row;
}

/** A new secret for the account, replacing one not confirmed yet (a confirmed one stays). */
export async function upsertUnconfirmedMfaFactor(
  sql: SqlRunner,
  account: AccountRef,
  secret: string,
): Promise<void> {
  const column = ownerColumn(account.kind);
  await sql(
    `insert into mfa_factor (${column}, secret) values (?, ?)
       on conflict (${column}) do update set secret = excluded.secret, last_used_step = null,
         created_at = now()
       where mfa_factor.confirmed_at is null`,
    [account.id, secret],
  );
}

/** Turns the factor on; false if it already was. */
export async function confirmMfaFactor(sql: SqlRunner, factorId: string): Promise<boolean> {
  const [turnedOn] = await sql(
    'update mfa_factor set confirmed_at = now() where id = ? and confirmed_at is null returning 1',
    [factorId],
  );
  return Boolean(turnedOn);
}

/**
 * Claims time step `step` of the factor; false if it (or a later one) was accepted before, so
 * two requests racing with the same code cannot both pass.
 */
export async function claimMfaTimeStep(
  sql: SqlRunner,
  factorId: string,
  step: number,
): Promise<boolean> {
  const [claimed] = await sql(
    `update mfa_factor set last_used_step = ?
             where id = ? and (last_used_step is null or last_used_step < ?) returning 1`,
    [step, factorId, step],
  );
  return Boolean(claimed);
}

export async function deleteMfaFactor(sql: SqlRunner, factorId: string): Promise<void> {
  await sql('delete from mfa_factor where id = ?', [factorId]);
}

/** Deletes the account's factor; false if it had none. */
export async function deleteMfaFactorOf(sql: SqlRunner, account: AccountRef): Promise<boolean> {
  const removed = await sql(
    `delete from mfa_factor where ${ownerColumn(account.kind)} = ? returning 1`,
    [account.id],
  );
  return removed.length > 0;
}

export async function countUnusedRecoveryCodes(sql: SqlRunner, factorId: string): Promise<number> {
  const [{ n }] = await sql<{ n: number }[]>(
    'select count(*)::int as n from mfa_recovery_code where factor_id = ? and used_at is null',
    [factorId],
  );
  return n;
}

/** Spends the unused recovery code of this hash; false if there is none. */
export async function spendRecoveryCode(
  sql: SqlRunner,
  factorId: string,
  codeHash: string,
): Promise<boolean> {
  const [spent] = await sql(
    `update mfa_recovery_code set used_at = now()
       where factor_id = ? and code_hash = ? and used_at is null returning 1`,
    [factorId, codeHash],
  );
  return Boolean(spent);
}

/** The factor's recovery codes become these (the old ones stop working). */
export async function replaceRecoveryCodeHashes(
  sql: SqlRunner,
  factorId: string,
  codeHashes: string[],
): Promise<void> {
  await sql('delete from mfa_recovery_code where factor_id = ?', [factorId]);
  await sql(
    `insert into mfa_recovery_code (factor_id, code_hash)
       select ?, unnest(?::text[])`,
    [factorId, pgArray(codeHashes)],
  );
}

/** The staff user or contact, with its firm roles (none for a contact). */
export async function findMfaAccount(
  sql: SqlRunner,
  kind: MfaAccount['kind'],
  id: string,
): Promise<(MfaAccount & { roles: FirmRole[] }) | undefined> {
  const roles = kind === 'staff' ? 'roles' : `'{}'::text[] as roles`;
  const [row] = await sql<(MfaAccount & { roles: FirmRole[] })[]>(
    `select ?::text as kind, id, email, first_name as "firstName", ${roles}
         from ${accountTable(kind)} where id = ?`,
    [kind, id],
  );
  return row;
}

/** The account's password hash; null when it has none (or no longer exists). */
export async function findPasswordHash(
  sql: SqlRunner,
  account: AccountRef,
): Promise<string | null> {
  const [row] = await sql<{ password_hash: string | null }[]>(
    `select password_hash from ${accountTable(account.kind)} where id = ?`,
    [account.id],
  );
  return row?.password_hash ?? null;
}

export async function deleteExpiredMfaChallenges(sql: SqlRunner): Promise<void> {
  await sql('delete from mfa_challenge where expires_at < now()');
}

export async function insertMfaChallenge(
  sql: SqlRunner,
  account: AccountRef,
  challenge: NewMfaChallenge,
): Promise<void> {
  await sql(
    `insert into mfa_challenge (token_hash, ${ownerColumn(account.kind)}, expires_at, ip, user_agent)
       values (?, ?, ?, ?, ?)`,
    [challenge.tokenHash, account.id, challenge.expiresAt, challenge.ip, challenge.userAgent],
  );
}

/** The live challenge of this hash, if its account may still sign in. */
export async function findLiveMfaChallenge(
  sql: SqlRunner,
  tokenHash: string,
): Promise<MfaChallengeRow | undefined> {
  const [row] = await sql<MfaChallengeRow[]>(
    `select case when s.id is null then 'contact' else 'staff' end as kind,
         coalesce(s.id, c.id) as id, coalesce(s.email, c.email) as email,
         coalesce(s.first_name, c.first_name) as "firstName", m.ip, m.user_agent as "userAgent"
       from mfa_challenge m
       left join staff_user s on s.id = m.staff_user_id and s.active
       left join contact c on c.id = m.contact_id and c.portal_status = 'accepted'
       where m.token_hash = ? and m.expires_at > now() and (s.id is not null or c.id is not null)`,
    [tokenHash],
  );
  return row;
}

/** Spends the challenge; false if another request spent it first. */
export async function deleteMfaChallenge(sql: SqlRunner, tokenHash: string): Promise<boolean> {
  const rows = await sql('delete from mfa_challenge where token_hash = ? returning 1', [tokenHash]);
  return rows.length > 0;
}

/** When the lockout of the throttle key `owner` ends, if one is on. */
export async function findMfaLockedUntil(sql: SqlRunner, owner: string): Promise<Date | undefined> {
  const [row] = await sql<{ locked_until: Date }[]>(
    'select locked_until from mfa_throttle where owner = ? and locked_until > now()',
    [owner],
  );
  return row?.locked_until;
}

/** One more wrong code; failures further apart than `windowMinutes` start over. */
export async function countMfaFailure(
  sql: SqlRunner,
  owner: string,
  windowMinutes: number,
): Promise<{ failures: number; fresh: boolean }> {
  const [row] = await sql<{ failures: number; fresh: boolean }[]>(
    `insert into mfa_throttle as t (owner, failures, updated_at) values (?, 1, now())
       on conflict (owner) do update set
         failures = case when t.updated_at < now() - ? * interval '1 minute' then 1
                         else t.failures + 1 end,
         updated_at = now()
       returning failures, xmax = 0 as fresh`,
    [owner, windowMinutes],
  );
  return row;
}

export async function startMfaLockout(
  sql: SqlRunner,
  owner: string,
  lockedUntil: Date,
): Promise<void> {
  await sql('update mfa_throttle set failures = 0, locked_until = ? where owner = ?', [
    lockedUntil,
    owner,
  ]);
}

export async function clearMfaFailures(sql: SqlRunner, owner: string): Promise<void> {
  await sql('delete from mfa_throttle where owner = ?', [owner]);
}
