import { pgArray } from '../../database/pg-array';
import type { SqlRunner } from '../../database/sql-runner';

export interface NewFileRequest {
  clientId: string;
  subject: string;
  description: string | null | undefined;
  message: string | null | undefined;
  dueAt: string | null;
  senderEmail: string;
  staffId: string | null;
  playbookRunId: string | null;
  playbookStep: number | null;
}

export interface NewFileRequestItem {
  title: string;
  description: string | null;
  updatesFileId: string | null;
}

export interface FileShare {
  file_id: string;
  contact_id: string;
}

/** A recipient checked for a request who has no access to the client, or cannot be emailed. */
export interface RecipientProblem {
  id: string;
  email: string | null;
  has_access: boolean;
}

/** A recipient the request's email invites: no portal access, no pending invitation. */
export interface Invitee {
  contact_id: string;
  email: string;
  portal_status: string;
}

/**
 * Those of `ids` who cannot receive a request about the client: no access to it, or an address
 * that bounced or complained.
 */
export function findRecipientProblems(
  sql: SqlRunner,
  clientId: string,
  ids: string[],
): Promise<RecipientProblem[]> {
  return sql<RecipientProblem[]>(
    `select x as id, ct.email, exists (select 1 from contact_client_access a
           where a.contact_id = x and a.client_id = ?) as has_access
         from unnest(?::uuid[]) x left join contact ct on ct.id = x
         where not exists (select 1 from contact_client_access a
             where a.contact_id = x and a.client_id = ?)
           or exists (select 1 from email_suppression s where s.email = lower(ct.email))`,
    [clientId, pgArray(ids), clientId],
  );
}

/** Those of `ids` that are files of the client. */
export async function findClientFileIds(
  sql: SqlRunner,
  clientId: string,
  ids: string[],
): Promise<string[]> {
  const found = await sql<{ id: string }[]>(
    'select id from client_file where client_id = ? and id = any(?::uuid[])',
    [clientId, pgArray(ids)],
  );
  return found.map((f) => f.id);
}

/** Those of the contacts without portal access and without a pending invitation. */
export function findInvitees(sql: SqlRunner, contactIds: string[]): Promise<Invitee[]> {
  return sql<Invitee[]>(
    `select ct.id as contact_id, ct.email, ct.portal_status from contact ct
       where ct.id = any(?::uuid[]) and ct.portal_status <> 'accepted'
         and not exists (select 1 from invitation i
           where i.contact_id = ct.id and i.status = 'pending')`,
    [pgArray(contactIds)],
  );
}

/** Returns the new request's id. */
export async function insertRequest(sql: SqlRunner, r: NewFileRequest): Promise<string> {
  const [request] = await sql<{ id: string }[]>(
    `insert into file_request (client_id, subject, description, message, due_at, sender_email,
           created_by_staff_id, playbook_run_id, playbook_step)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
    [
      r.clientId,
      r.subject,
      r.description,
      r.message,
      r.dueAt,
      r.senderEmail,
      r.staffId,
      r.playbookRunId,
      r.playbookStep,
    ],
  );
  return request.id;
}

export async function insertRecipients(
  sql: SqlRunner,
  requestId: string,
  contactIds: string[],
): Promise<void> {
  await sql(
    `insert into file_request_recipient (request_id, contact_id)
         select ?, c from unnest(?::uuid[]) c`,
    [requestId, pgArray(contactIds)],
  );
}

/** The items in this order. */
export async function insertItems(
  sql: SqlRunner,
  requestId: string,
  items: NewFileRequestItem[],
): Promise<void> {
  await sql(
    `insert into file_request_item (request_id, position, title, description, updates_file_id)
         select ?, x.position, x.title, x.description, x.updates_file_id
         from jsonb_to_recordset(?::jsonb)
           as x(position int, title text, description text, updates_file_id uuid)`,
    [
      requestId,
      JSON.stringify(
        items.map((i, position) => ({
          position,
          title: i.title,
          description: i.description,
          updates_file_id: i.updatesFileId,
        })),
      ),
    ],
  );
}

export async function insertAttachments(
  sql: SqlRunner,
  requestId: string,
  fileIds: string[],
): Promise<void> {
  await sql(
    `insert into file_request_attachment (request_id, file_id) select ?, f from unnest(?::uuid[]) f`,
    [requestId, pgArray(fileIds)],
  );
}

/** Shares every file with every contact; returns the shares that are new. */
export function shareFiles(
  sql: SqlRunner,
  fileIds: string[],
  contactIds: string[],
): Promise<FileShare[]> {
  return sql<FileShare[]>(
    `insert into client_file_share (file_id, contact_id)
         select f, c from unnest(?::uuid[]) f, unnest(?::uuid[]) c
         on conflict do nothing returning file_id, contact_id`,
    [pgArray(fileIds), pgArray(contactIds)],
  );
}

/** The request's pending invitations are withdrawn. */
export async function deleteRequestInvitations(sql: SqlRunner, requestId: string): Promise<void> {
  await sql(`delete from invitation where file_request_id = ? and status = 'pending'`, [requestId]);
}

export async function deleteRequest(sql: SqlRunner, requestId: string): Promise<void> {
  await sql('delete from file_request where id = ?', [requestId]);
}

export async function deleteShares(sql: SqlRunner, shares: FileShare[]): Promise<void> {
  await sql(
    `delete from client_file_share s using jsonb_to_recordset(?::jsonb) as x(file_id uuid, contact_id uuid)
         where s.file_id = x.file_id and s.contact_id = x.contact_id`,
    [JSON.stringify(shares)],
  );
}
