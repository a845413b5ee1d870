import type { SqlRunner } from '@server/database/sql-runner';

/** A request as its emails need it. */
export interface LiveRequest {
  id: string;
  client_id: string;
  client_name: string;
  subject: string;
  description: string | null;
  message: string | null;
  due_at: string | null;
  status: string;
  sender_email: string;
  created_by_staff_id: string | null;
}

/** Locks the request while its emails are written (an ended one sends nothing); undefined if gone. */
export async function lockLiveRequest(
  sql: SqlRunner,
  requestId: string,
): Promise<LiveRequest | undefined> {
  const [row] = await sql<LiveRequest[]>(
    `select r.id, r.client_id, c.display_name as client_name, r.subject, r.description,
       r.message, r.due_at, r.status, r.sender_email, r.created_by_staff_id
     from file_request r join client c on c.id = r.client_id where r.id = ? for update of r`,
    [requestId],
  );
  return row;
}
