import type { SqlRunner } from '@server/database/sql-runner';
import type { RequestTemplateItem } from '@server/modules/request-templates/request-template.view';

/*
 * What steps read and change outside their run: the client's tags, its contacts, request
 * templates and file requests, the staff to notify. Run in the step's transaction.
 */

export interface RequestTemplateRow {
  subject: string;
  description: string | null;
  message: string | null;
  items: RequestTemplateItem[];
  due_in_days: number | null;
}

/** The client's primary contact as an email's recipient and merge fields. */
export interface Recipient {
  client_name: string;
  contact_id: string | null;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  suppressed: boolean;
}

export async function findTagName(sql: SqlRunner, tagId: string): Promise<string | undefined> {
  const [tag] = await sql<{ name: string }[]>('select name from tag where id = ?', [tagId]);
  return tag?.name;
}

/** Whether the tag was added (false: the client had it). */
export async function addClientTag(
  sql: SqlRunner,
  clientId: string,
  tagId: string,
): Promise<boolean> {
  const added = await sql<unknown[]>(
    `insert into client_tag (client_id, tag_id) values (?, ?) on conflict do nothing returning tag_id`,
    [clientId, tagId],
  );
  return added.length > 0;
}

/** Whether the tag was removed; the tag trigger cancels its runs but `runId`'s. */
export async function removeClientTag(
  sql: SqlRunner,
  runId: string,
  clientId: string,
  tagId: string,
): Promise<boolean> {
  await sql(`select set_config('clienthub.playbook_run_id', ?, true)`, [runId]);
  const removed = await sql<unknown[]>(
    'delete from client_tag where client_id = ? and tag_id = ? returning tag_id',
    [clientId, tagId],
  );
  return removed.length > 0;
}

/** Marks the client edited. */
export async function touchClient(sql: SqlRunner, clientId: string): Promise<void> {
  await sql('update client set updated_at = now() where id = ?', [clientId]);
}

/** The file request the run's step made, if it made one. */
export async function findStepFileRequest(
  sql: SqlRunner,
  runId: string,
  step: number,
): Promise<{ id: string; subject: string } | undefined> {
  const [made] = await sql<{ id: string; subject: string }[]>(
    'select id, subject from file_request where playbook_run_id = ? and playbook_step = ?',
    [runId, step],
  );
  return made;
}

export async function findRequestTemplate(
  sql: SqlRunner,
  templateId: string,
): Promise<RequestTemplateRow | undefined> {
  const [template] = await sql<RequestTemplateRow[]>(
    'select subject, description, message, items, due_in_days from request_template where id = ?',
    [templateId],
  );
  return template;
}

export async function findPrimaryContactId(
  sql: SqlRunner,
  clientId: string,
): Promise<string | undefined> {
  const [contact] = await sql<{ id: string }[]>(
    `select cc.contact_id as id from client_contact cc
         where cc.client_id = ? and cc.is_primary`,
    [clientId],
  );
  return contact?.id;
}

/** The client's name and primary contact (all null without one) for an email. */
export async function findPrimaryRecipient(sql: SqlRunner, clientId: string): Promise<Recipient> {
  const [row] = await sql<Recipient[]>(
    `select c.display_name as client_name, ct.id as contact_id, ct.email, ct.first_name,
         ct.last_name, exists (select 1 from email_suppression s
           where s.email = lower(ct.email)) as suppressed
       from client c
       left join client_contact cc on cc.client_id = c.id and cc.is_primary
       left join contact ct on ct.id = cc.contact_id
       where c.id = ?`,
    [clientId],
  );
  return row;
}

/** The client's active owners, or without any the playbook's creator if active. */
export function findOwnersToNotify(
  sql: SqlRunner,
  clientId: string,
  creatorId: string | null,
): Promise<{ id: string; email: string }[]> {
  return sql<{ id: string; email: string }[]>(
    `select s.id, s.email from staff_user s
       where s.active and s.id in (select staff_user_id from staff_client_access
         where client_id = ? and role = 'owner')
       union
       select s.id, s.email from staff_user s
       where s.active and s.id = ? and not exists (select 1 from staff_client_access a
         join staff_user o on o.id = a.staff_user_id and o.active
         where a.client_id = ? and a.role = 'owner')
       order by email`,
    [clientId, creatorId, clientId],
  );
}
