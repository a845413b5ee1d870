import { pgArray } from '@server/database/pg-array';
import type { SqlRunner } from '@server/database/sql-runner';
import { deleteClientsWithRuns } from '../../playbooks/delivery/playbook-triggers.repository';
import { CLIENT_FIELDS } from './import-plan';

const COLUMNS = CLIENT_FIELDS.map((f) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));

/** Outcomes of a chunk (import id, from seq, to seq) that linked a client and are not undone. */
const PENDING = `r.import_id = ? and r.seq between ? and ? and not r.undone and r.client_id is not null`;

type Range = [importId: string, fromSeq: number, toSeq: number];

export async function findImportStatusForShare(
  sql: SqlRunner,
  importId: string,
): Promise<string | undefined> {
  const [job] = await sql<{ status: string }[]>(
    `select status from import_job where id = ? for share`,
    [importId],
  );
  return job?.status;
}

/** Clients the chunk created or updated that were edited since: the undo leaves them. */
export function findEditedSinceImport(
  sql: SqlRunner,
  range: Range,
): Promise<{ client_id: string; display_name: string }[]> {
  return sql<{ client_id: string; display_name: string }[]>(
    `select r.client_id, c.display_name from import_row_outcome r join client c on c.id = r.client_id
         where ${PENDING} and r.outcome in ('created','updated')
           and c.updated_at > r.written_at`,
    range,
  );
}

/**
 * Deletes the clients the chunk created and nobody edited since; one row per deleted client and
 * live workflow of its runs (see deleteClientsWithRuns).
 */
export function deleteImportedClients(
  sql: SqlRunner,
  range: Range,
): Promise<{ id: string; workflow_id: string | null; temporal_run_id: string | null }[]> {
  return sql<{ id: string; workflow_id: string | null; temporal_run_id: string | null }[]>(
    deleteClientsWithRuns(
      `delete from client c using import_row_outcome r
           where ${PENDING} and r.outcome = 'created'
             and c.id = r.client_id and c.updated_at <= r.written_at
           returning c.id as id`,
    ),
    range,
  );
}

/** Puts back the fields the chunk changed on clients nobody edited since. */
export function restoreUpdatedClients(
  sql: SqlRunner,
  range: Range,
): Promise<{ id: string; added_tags: string[] | null }[]> {
  return sql<{ id: string; added_tags: string[] | null }[]>(
    `update client c set ${COLUMNS.map((col, i) => `${col} = r.previous->>'${CLIENT_FIELDS[i]}'`).join(', ')},
           display_name = coalesce(nullif(r.previous->>'companyName', ''),
             concat_ws(' ', r.previous->>'firstName', r.previous->>'lastName')),
           updated_at = now()
         from import_row_outcome r
         where ${PENDING} and r.outcome = 'updated'
           and c.id = r.client_id and c.updated_at <= r.written_at
         returning c.id, r.previous->'addedTags' as added_tags`,
    range,
  );
}

/** Takes [client id, tag name] pairs off (names in any case). */
export async function removeClientTagsByName(
  sql: SqlRunner,
  pairs: [clientId: string, tag: string][],
): Promise<void> {
  await sql(
    `delete from client_tag ct using unnest(?::uuid[], ?::text[]) as v(client_id, tag), tag t
       where ct.client_id = v.client_id and t.id = ct.tag_id and lower(t.name) = lower(v.tag)`,
    [pgArray(pairs.map((p) => p[0])), pgArray(pairs.map((p) => p[1]))],
  );
}

/** Marks the chunk's outcomes undone; those of deleted clients no longer link anywhere. */
export async function markOutcomesUndone(
  sql: SqlRunner,
  range: Range,
  deletedIds: string[],
): Promise<void> {
  await sql(
    `update import_row_outcome r set undone = true,
           client_id = case when r.client_id = any(?::uuid[]) then null else r.client_id end
         where ${PENDING}`,
    [pgArray(deletedIds), ...range],
  );
}
