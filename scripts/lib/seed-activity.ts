import type { Client } from 'pg';

/**
 * What a firm's activity looks like after years of use, seeded set-based (generate_series) over
 * the clients and contacts already there: the audit trail, the Outbox and file requests. The
 * volumes are skewed as in real firms: a few busy clients and common actions, a long tail of
 * quiet clients and rare actions, every status of every list. Deterministic (setseed).
 */

/** Actions with their target type and summary verb, most frequent first (the draw is skewed). */
const ACTIONS: [string, string, string][] = [
  ['client.updated', 'client', 'Updated client'],
  ['file.downloaded', 'file', 'Downloaded a file of'],
  ['auth.sign_in', 'staff_user', 'Signed in'],
  ['file.uploaded', 'file', 'Uploaded a file for'],
  ['client.tags_changed', 'client', 'Changed the tags of'],
  ['invitation.sent', 'invitation', 'Invited a contact of'],
  ['file_request.created', 'file_request', 'Requested files from'],
  ['contact.updated', 'contact', 'Updated a contact of'],
  ['client.created', 'client', 'Created client'],
  ['invitation.accepted', 'invitation', 'Accepted the invitation of'],
  ['file_request.completed', 'file_request', 'Completed the request of'],
  ['auth.sign_out', 'staff_user', 'Signed out'],
  ['playbook_run.tag_added', 'client', 'A playbook tagged'],
  ['campaign.sent', 'campaign', 'Sent a campaign to'],
  ['sharing.granted', 'client', 'Shared access to'],
  ['auth.sign_in_failed', 'staff_user', 'Failed sign-in'],
  ['client.deleted', 'client', 'Deleted client'],
  ['auth.password_changed', 'staff_user', 'Changed a password'],
  ['audit.exported', 'audit', 'Exported the audit trail'],
];

const STAFF = 40;
const sqlList = (values: string[]) => values.map((v) => `'${v}'`).join(',');
const ACTION_ARRAY = `array[${sqlList(ACTIONS.map((a) => a[0]))}]`;
const TARGET_ARRAY = `array[${sqlList(ACTIONS.map((a) => a[1]))}]`;
const VERB_ARRAY = `array[${sqlList(ACTIONS.map((a) => a[2]))}]`;

/** Numbered copies of the clients and contacts, so a random number picks one by join. */
async function numberPeople(pg: Client): Promise<{ clients: number; contacts: number }> {
  await pg.query(`create temp table if not exists seed_client as
    select row_number() over (order by id)::int as n, id, display_name from client`);
  await pg.query(`create temp table if not exists seed_contact as
    select row_number() over (order by ct.id)::int as n, ct.id, ct.email, cc.client_id
    from contact ct join client_contact cc on cc.contact_id = ct.id and cc.is_primary`);
  await pg.query('create index if not exists seed_client_n on seed_client (n)');
  await pg.query('create index if not exists seed_contact_n on seed_contact (n)');
  await pg.query('analyze seed_client, seed_contact');
  await pg.query(
    `insert into staff_user (id, email, first_name, last_name, password_hash)
     select gen_random_uuid(), 'staff' || i || '@firm.example', 'Staff', 'Member ' || i, 'no-login'
     from generate_series(1, ${STAFF}) i on conflict do nothing`,
  );
  await pg.query(`create temp table if not exists seed_staff as
    select row_number() over (order by email)::int as n, id, email from staff_user`);
  const { rows } = await pg.query<{ clients: number; contacts: number }>(
    `select (select count(*) from seed_client)::int as clients,
            (select count(*) from seed_contact)::int as contacts`,
  );
  return rows[0];
}

/**
 * Runs `insert` with the table's plain indexes (and its primary key, unless a foreign key
 * refers to it) dropped and built again afterwards, far faster than maintaining them row by
 * row, then analyses the table. Unique indexes stay: they keep the seeded rows valid.
 */
async function withIndexesAfter(pg: Client, table: string, insert: () => Promise<void>) {
  const { rows } = await pg.query<{ name: string; def: string; pkey: boolean }>(
    `select i.indexrelid::regclass::text as name, i.indisprimary as pkey,
       case when i.indisprimary
         then pg_get_constraintdef((select oid from pg_constraint where contype = 'p' and conindid = i.indexrelid))
         else pg_get_indexdef(i.indexrelid) end as def
     from pg_index i where i.indrelid = $1::regclass and (not i.indisunique or (i.indisprimary
       and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.conindid = i.indexrelid)))`,
    [table],
  );
  for (const r of rows)
    await pg.query(
      r.pkey ? `alter table ${table} drop constraint ${r.name}` : `drop index ${r.name}`,
    );
  await insert();
  await pg.query('set maintenance_work_mem = $$512MB$$');
  for (const r of rows)
    await pg.query(r.pkey ? `alter table ${table} add constraint ${r.name} ${r.def}` : r.def);
  await pg.query(`vacuum analyze ${table}`);
}

/**
 * `count` audit events over the last three years, in time order as they were appended: staff
 * (most), contacts, the system and a few anonymous sign-in attempts; each about one client,
 * busy clients far more often (a cubic skew), some about several (tags changed in bulk).
 */
export async function seedAuditEvents(pg: Client, count: number): Promise<void> {
  const { clients, contacts } = await numberPeople(pg);
  await pg.query('select setseed(0.42)');
  await withIndexesAfter(pg, 'audit_event', async () => {
    await pg.query(
      `insert into audit_event (at, actor_type, actor_id, actor_email, action, target_type,
         target_id, client_id, client_ids, summary, ip, user_agent)
       select now() - interval '3 years' * (1 - g.i::float8 / $1) - interval '1 minute' * r.jitter,
         r.actor_type,
         case r.actor_type when 'staff' then s.id when 'contact' then ct.id end,
         case r.actor_type when 'staff' then s.email when 'contact' then ct.email
           when 'anonymous' then 'someone' || (g.i % 997) || '@mail.example' end,
         (${ACTION_ARRAY})[r.a], (${TARGET_ARRAY})[r.a],
         case when (${TARGET_ARRAY})[r.a] = 'client' then c.id else gen_random_uuid() end,
         c.id,
         case when r.a = 5 and r.bulk then array[c.id, c2.id] else array[c.id] end,
         (${VERB_ARRAY})[r.a] || ' ' || c.display_name,
         '10.' || (g.i % 250) || '.' || (g.i % 7) || '.1', 'Mozilla/5.0 (bench)'
       from generate_series(1, $1) g(i)
       cross join lateral (
         select case when u < 0.6 then 'staff' when u < 0.85 then 'contact'
                     when u < 0.99 then 'system' else 'anonymous' end as actor_type,
           1 + floor(${ACTIONS.length} * random() ^ 2)::int as a,
           1 + floor($2 * random() ^ 3)::int as cn,
           1 + floor($2 * random())::int as cn2,
           1 + floor($3 * random())::int as tn,
           1 + floor((select count(*) from seed_staff) * random())::int as sn,
           random() < 0.05 as bulk, floor(random() * 60)::int as jitter
         from (select random() as u, g.i) x
       ) r
       join seed_client c on c.n = r.cn
       join seed_client c2 on c2.n = r.cn2
       left join seed_contact ct on ct.n = r.tn
       left join seed_staff s on s.n = r.sn`,
      [count, clients, contacts],
    );
  });
}

/** Share of messages per status; queued and sending ones are the newest, as in a live queue. */
const OUTBOX_STATUS = `case when r.age < 0.01 then (array['queued','queued','queued','sending'])[1 + floor(r.u * 4)::int]
  when r.u < 0.55 then 'delivered' when r.u < 0.70 then 'sent' when r.u < 0.80 then 'recorded'
  when r.u < 0.83 then 'bounced' when r.u < 0.835 then 'complained' when r.u < 0.855 then 'failed'
  else 'cancelled' end`;
const KINDS = `(array['campaign','campaign','campaign','invitation','reminder','reminder','file_request',
  'file_request_reminder','file_request_digest','playbook'])[1 + floor(r.k * 10)::int]`;

/**
 * `count` Outbox messages over two years to the seeded contacts, of every kind and status;
 * campaign messages go out at bulk priority, the rest transactional.
 */
export async function seedOutbox(pg: Client, count: number): Promise<void> {
  const { contacts } = await numberPeople(pg);
  await pg.query('select setseed(0.17)');
  await withIndexesAfter(pg, 'email_message', async () => {
    await pg.query(
      `insert into email_message (id, kind, bulk, idempotency_key, to_email, from_email, subject,
         text_body, status, error, contact_id, created_at, sent_at, delivered_at, updated_at)
       select gen_random_uuid(), m.kind, m.kind = 'campaign', 'bench-' || g.i || '-' || gen_random_uuid(),
         ct.email, 'office@firm.example', initcap(replace(m.kind, '_', ' ')) || ' for ' || ct.email,
         'Hello', m.status, case when m.status in ('failed','bounced') then 'mailbox unavailable' end,
         ct.id, m.at,
         case when m.status not in ('queued','sending','cancelled') then m.at + interval '2 minutes' end,
         case when m.status = 'delivered' then m.at + interval '3 minutes' end, m.at
       from generate_series(1, $1) g(i)
       cross join lateral (select random() as u, random() as k, 1 - g.i::float8 / $1 as age,
                           1 + floor($2 * random())::int as tn) r
       cross join lateral (select ${OUTBOX_STATUS} as status, ${KINDS} as kind,
                           now() - interval '2 years' * r.age as at) m
       join seed_contact ct on ct.n = r.tn`,
      [count, contacts],
    );
  });
}

const SUBJECTS = `(array['2025 tax documents','Bank statements','Payroll records Q3','W-2 and 1099 forms',
  'Receipts for deductions','Signed engagement letter','Mortgage interest statement',
  'Brokerage statements','Quarterly estimates','Property tax bill','Charitable donations',
  'Health insurance forms'])[1 + floor(r.s ^ 2 * 12)::int]`;

/**
 * `count` file requests over two years to the primary contacts of seeded clients (busy clients
 * more often), in every status, with a due date on most (past and future), and one to five
 * items each in the states the request's status implies.
 */
export async function seedFileRequests(pg: Client, count: number): Promise<void> {
  const { contacts } = await numberPeople(pg);
  await pg.query('select setseed(0.29)');
  await withIndexesAfter(pg, 'file_request', async () => {
    await pg.query(
      `insert into file_request (id, client_id, subject, status, overdue, due_at, sender_email,
         created_by_staff_id, created_at, last_activity_at, closed_at)
       select gen_random_uuid(), ct.client_id, ${SUBJECTS} || ' ' || (2024 + g.i % 3), q.status,
         q.status = 'open' and q.due < now(), case when r.d < 0.7 then q.due end,
         'office@firm.example', s.id, q.at, least(now(), q.at + interval '9 days' * r.d),
         case when q.status in ('completed','cancelled') then q.at + interval '9 days' * r.d end
       from generate_series(1, $1) g(i)
       cross join lateral (select random() as u, random() as s, random() as d, 1 - g.i::float8 / $1 as age,
                           1 + floor($2 * random() ^ 3)::int as tn,
                           1 + floor((select count(*) from seed_staff) * random())::int as sn) r
       cross join lateral (select now() - interval '2 years' * r.age as at,
         now() - interval '2 years' * r.age + interval '30 days' as due,
         case when r.age < 0.05 and r.u < 0.6 then 'open' when r.age < 0.05 and r.u < 0.8 then 'uploaded'
              when r.u < 0.08 then 'open' when r.u < 0.12 then 'uploaded'
              when r.u < 0.9 then 'completed' else 'cancelled' end as status) q
       join seed_contact ct on ct.n = r.tn
       join seed_staff s on s.n = r.sn`,
      [count, contacts],
    );
  });
  await pg.query(
    `insert into file_request_recipient (request_id, contact_id)
     select r.id, cc.contact_id from file_request r
     join client_contact cc on cc.client_id = r.client_id and cc.is_primary
     on conflict do nothing`,
  );
  await pg.query(
    `insert into file_request_item (request_id, position, title, status, updated_at)
     select r.id, p, 'Document ' || p,
       case r.status when 'completed' then 'accepted' when 'uploaded' then 'uploaded'
         when 'cancelled' then 'requested'
         else (array['requested','requested','uploaded','rejected','not_applicable'])[1 + (p + hashtext(r.id::text) & 3)] end,
       r.last_activity_at
     from file_request r cross join generate_series(1, 1 + abs(hashtext(r.id::text)) % 5) p
     where not exists (select 1 from file_request_item i where i.request_id = r.id)`,
  );
  await pg.query('vacuum analyze file_request, file_request_recipient, file_request_item');
}
