import type { SqlRunner } from '@server/database/sql-runner';
import type { FirmRole } from '../access/firm-role';
import type { Principal } from './principal';
import type { SessionRow } from './session.view';

export interface LoginFailureCount {
  failures: number;
  lockouts: number;
  /** The row is new: the moment to forget rows that no longer count. */
  fresh: boolean;
}

export interface RequestThrottleCount {
  hits: number;
  ms_left: number;
  fresh: boolean;
}

/** Whether the login signed in before from the device whose token hashes to `tokenHash`. */
export async function isKnownDevice(
  sql: SqlRunner,
  tokenHash: string,
  login: string,
): Promise<boolean> {
  const rows = await sql('select 1 from known_device where token_hash = ? and login = ?', [
    tokenHash,
    login,
  ]);
  return rows.length > 0;
}

/**
 * One more failure of `source` on `login`, unless a lockout is on (then nothing: undefined).
 * Failures further apart than `windowMinutes` start over, lockouts a day apart too; the row
 * stays locked until the caller's transaction ends.
 */
export async function countLoginFailure(
  sql: SqlRunner,
  login: string,
  source: string,
  windowMinutes: number,
): Promise<LoginFailureCount | undefined> {
  const [row] = await sql<LoginFailureCount[]>(
    `insert into login_throttle as t (login, source, failures, updated_at) values (?, ?, 1, now())
       on conflict (login, source) do update set
         failures = case when t.updated_at < now() - ? * interval '1 minute' then 1
                         else t.failures + 1 end,
         lockouts = case when t.updated_at < now() - interval '1 day' then 0 else t.lockouts end,
         updated_at = now()
       where t.locked_until is null or t.locked_until <= now()
       returning failures, lockouts, xmax = 0 as fresh`,
    [login, source, windowMinutes],
  );
  return row;
}

/** When the lockout of `source` on `login` ends. */
export async function findLoginLockedUntil(
  sql: SqlRunner,
  login: string,
  source: string,
): Promise<Date> {
  const [{ locked_until }] = await sql<{ locked_until: Date }[]>(
    'select locked_until from login_throttle where login = ? and source = ?',
    [login, source],
  );
  return locked_until;
}

export async function startLoginLockout(
  sql: SqlRunner,
  login: string,
  source: string,
  lockedUntil: Date,
): Promise<void> {
  await sql(
    `update login_throttle set failures = 0, lockouts = lockouts + 1, locked_until = ?
       where login = ? and source = ?`,
    [lockedUntil, login, source],
  );
}

export async function clearLoginFailures(
  sql: SqlRunner,
  login: string,
  sources: readonly [string, string],
): Promise<void> {
  await sql('delete from login_throttle where login = ? and source in (?, ?)', [login, ...sources]);
}

/** Records a sign-in from the device; true if the login had not used it before. */
export async function rememberKnownDevice(
  sql: SqlRunner,
  tokenHash: string,
  login: string,
): Promise<boolean> {
  const [device] = await sql<{ fresh: boolean }[]>(
    `insert into known_device (token_hash, login) values (?, ?)
       on conflict (token_hash, login) do update set last_seen_at = now()
       returning xmax = 0 as fresh`,
    [tokenHash, login],
  );
  return device.fresh;
}

/** Forgets devices not seen for `maxAgeMs` (their cookie has expired). */
export async function forgetExpiredKnownDevices(sql: SqlRunner, maxAgeMs: number): Promise<void> {
  await sql(`delete from known_device where last_seen_at < now() - ? * interval '1 millisecond'`, [
    maxAgeMs,
  ]);
}

/** One more hit on `key` in its fixed window of `ttlMs` (a new window once the last ended). */
export async function incrementRequestThrottle(
  sql: SqlRunner,
  key: string,
  ttlMs: number,
): Promise<RequestThrottleCount> {
  const [row] = await sql<RequestThrottleCount[]>(
    `insert into request_throttle as t (key, hits, expires_at)
       values (?, 1, now() + ? * interval '1 millisecond')
       on conflict (key) do update set
         hits = case when t.expires_at <= now() then 1 else t.hits + 1 end,
         expires_at = case when t.expires_at <= now() then excluded.expires_at else t.expires_at end
       returning hits, extract(epoch from expires_at - now()) * 1000 as ms_left, xmax = 0 as fresh`,
    [key, ttlMs],
  );
  return row;
}

/** Forgets windows long over (a scan of the expiry index). */
export async function forgetEndedRequestThrottles(sql: SqlRunner): Promise<void> {
  await sql(`delete from request_throttle where expires_at < now() - interval '1 hour'`);
}

/**
 * Ends the owner's sessions that are live at `now` (used since `idleSince`), except the one
 * of `exceptTokenHash`; answers those it ended.
 */
export function revokeLiveSessionsOf(
  sql: SqlRunner,
  owner: Pick<Principal, 'kind' | 'id'>,
  now: Date,
  idleSince: Date,
  exceptTokenHash: string,
): Promise<SessionRow[]> {
  return sql<SessionRow[]>(
    `update session set revoked_at = ?
       where ${owner.kind === 'staff' ? 'staff_user_id' : 'contact_id'} = ?
         and revoked_at is null and expires_at > ? and last_seen_at > ? and token_hash <> ?
       returning public_id as "publicId", token_hash as "tokenHash", user_agent as "userAgent",
         ip, created_at as "createdAt", last_seen_at as "lastSeenAt"`,
    [now, owner.id, now, idleSince, exceptTokenHash],
  );
}

/** A session with its owner's sign-in facts, read on every request. */
export interface LiveSessionRow extends SessionRow {
  staff: {
    id: string;
    email: string;
    firstName: string;
    lastName: string;
    roles: FirmRole[];
    active: boolean;
  } | null;
  contact: {
    id: string;
    email: string;
    firstName: string | null;
    lastName: string | null;
    portalStatus: string;
  } | null;
}

/** The unrevoked, unexpired session whose token hashes to `tokenHash`, with its owner. */
export async function findLiveSession(
  sql: SqlRunner,
  tokenHash: string,
  now: Date,
): Promise<LiveSessionRow | undefined> {
  const [row] = await sql<LiveSessionRow[]>(
    `select s.public_id as "publicId", s.token_hash as "tokenHash", s.user_agent as "userAgent",
       s.ip, s.created_at as "createdAt", s.last_seen_at as "lastSeenAt",
       case when u.id is not null then json_build_object('id', u.id, 'email', u.email,
         'firstName', u.first_name, 'lastName', u.last_name, 'roles', u.roles, 'active', u.active)
       end as staff,
       case when c.id is not null then json_build_object('id', c.id, 'email', c.email,
         'firstName', c.first_name, 'lastName', c.last_name, 'portalStatus', c.portal_status)
       end as contact
     from session s
       left join staff_user u on u.id = s.staff_user_id
       left join contact c on c.id = s.contact_id
     where s.token_hash = ? and s.revoked_at is null and s.expires_at > ?`,
    [tokenHash, now],
  );
  return row;
}
