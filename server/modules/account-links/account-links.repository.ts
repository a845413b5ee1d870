import type { SqlRunner } from '../../database/sql-runner';
import { ownerTable, type AccountLinkOwner, type AccountLinkPurpose } from './account-link-owner';

/** An emailed link and its account, with what may stop it from opening. */
export interface AccountTokenRow {
  purpose: AccountLinkPurpose;
  used: boolean;
  expired: boolean;
  revoked: boolean;
  expires_at: Date;
  kind: AccountLinkOwner['kind'];
  owner_id: string;
  email: string;
}

/**
 * Kills every live link that would set the account's password: a newer link replaces them, and
 * a password changed by its owner makes a reset asked for earlier moot.
 */
export async function revokeAccountLinks(
  sql: SqlRunner,
  owner: Pick<AccountLinkOwner, 'kind' | 'id'>,
): Promise<void> {
  await sql(
    `update account_token set revoked_at = now()
     where ${ownerTable(owner.kind).column} = ? and used_at is null and revoked_at is null`,
    [owner.id],
  );
}

/** Stores a new link's hash, living `ttlSeconds`; answers when it expires. */
export async function insertAccountToken(
  sql: SqlRunner,
  owner: Pick<AccountLinkOwner, 'kind' | 'id'>,
  purpose: AccountLinkPurpose,
  tokenHash: string,
  ttlSeconds: number,
): Promise<Date> {
  const [{ expires_at }] = await sql<{ expires_at: Date }[]>(
    `insert into account_token (token_hash, purpose, ${ownerTable(owner.kind).column}, expires_at)
       values (?, ?, ?, now() + make_interval(secs => ?)) returning expires_at`,
    [tokenHash, purpose, owner.id, ttlSeconds],
  );
  return expires_at;
}

/** The link of this hash and its account, if any (with `lock`, locked for the change). */
export async function findAccountToken(
  sql: SqlRunner,
  tokenHash: string,
  lock: boolean,
): Promise<AccountTokenRow | undefined> {
  const [row] = await sql<AccountTokenRow[]>(
    `select t.purpose, t.used_at is not null as used, t.expires_at <= now() as expired,
         t.revoked_at is not null or not coalesce(s.active, c.portal_status = 'accepted') as revoked,
         t.expires_at, case when s.id is null then 'contact' else 'staff' end as kind,
         coalesce(s.id, c.id) as owner_id, coalesce(s.email, c.email) as email
       from account_token t
       left join staff_user s on s.id = t.staff_user_id
       left join contact c on c.id = t.contact_id
       where t.token_hash = ? ${lock ? 'for update of t' : ''}`,
    [tokenHash],
  );
  return row;
}

export async function setAccountPasswordHash(
  sql: SqlRunner,
  owner: Pick<AccountLinkOwner, 'kind' | 'id'>,
  passwordHash: string,
): Promise<void> {
  await sql(
    `update ${ownerTable(owner.kind).table} set password_hash = ?, updated_at = now() where id = ?`,
    [passwordHash, owner.id],
  );
}

/** Marks the link of `tokenHash` used and revokes every other live link of the account. */
export async function spendAccountToken(
  sql: SqlRunner,
  owner: Pick<AccountLinkOwner, 'kind' | 'id'>,
  tokenHash: string,
): Promise<void> {
  await sql(
    `update account_token set
           used_at = case when token_hash = ? then now() end,
           revoked_at = case when token_hash = ? then null else now() end
         where ${ownerTable(owner.kind).column} = ? and used_at is null and revoked_at is null`,
    [tokenHash, tokenHash, owner.id],
  );
}

/** The account of this email that may ask for a reset link, if there is one. */
export async function findPasswordResetOwner(
  sql: SqlRunner,
  audience: AccountLinkOwner['kind'],
  email: string,
): Promise<AccountLinkOwner | undefined> {
  const [owner] = await sql<AccountLinkOwner[]>(
    audience === 'staff'
      ? `select 'staff' as kind, id, email, first_name as "firstName"
           from staff_user where email = ? and active`
      : `select 'contact' as kind, id, email, first_name as "firstName"
           from contact where lower(email) = lower(?) and portal_status = 'accepted'`,
    [email],
  );
  return owner;
}
