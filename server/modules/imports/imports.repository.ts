import { pgArray } from '@server/database/pg-array';
import type { SqlRunner } from '@server/database/sql-runner';
import type { ImportOutcome } from './import-columns';

export interface ImportRowRecord {
  seq: number;
  row_number: number;
  outcome: string | null;
  comment: string | null;
  client_id: string | null;
  raw: string[];
}

export interface ImportRowsQuery {
  importId: string;
  /** Only rows with one of these outcomes. */
  outcomes?: string[];
  sort: { field: string; order: string };
  offset: number;
  limit: number;
}

/** An import's rows with their outcomes (the failure of a row never processed), and their count. */
export async function findImportRowsPage(
  sql: SqlRunner,
  q: ImportRowsQuery,
): Promise<{ rows: ImportRowRecord[]; total: number }> {
  const where = `r.import_id = ?${q.outcomes ? ' and o.outcome = any(?::text[])' : ''}`;
  const params: unknown[] = q.outcomes ? [q.importId, pgArray(q.outcomes)] : [q.importId];
  // seq follows the file's row order.
  const order =
    q.sort.field === 'outcome' ? `o.outcome ${q.sort.order}, r.seq` : `r.seq ${q.sort.order}`;
  const from = `import_row r
      left join import_row_outcome o on o.import_id = r.import_id and o.seq = r.seq`;
  const [rows, [{ total }]] = await Promise.all([
    sql<ImportRowRecord[]>(
      `select r.seq, r.row_number, o.outcome, coalesce(o.comment, r.failure) as comment,
           o.client_id, r.raw
         from ${from} where ${where} order by ${order} offset ? limit ?`,
      [...params, q.offset, q.limit],
    ),
    sql<{ total: number }[]>(`select count(*)::int as total from ${from} where ${where}`, params),
  ]);
  return { rows, total };
}

export interface ReportRecord {
  seq: number;
  row_number: number;
  raw: string[];
  outcome: ImportOutcome | null;
  comment: string | null;
  client_id: string | null;
  client_name: string | null;
}

/** The next `limit` rows of an import's report after seq `after`, failed ones only if asked. */
export function findReportBatch(
  sql: SqlRunner,
  importId: string,
  { after, limit, failedOnly }: { after: number; limit: number; failedOnly: boolean },
): Promise<ReportRecord[]> {
  return sql<ReportRecord[]>(
    `select r.seq, r.row_number, r.raw, o.outcome, o.comment, o.client_id,
           c.display_name as client_name
         from import_row r
         left join import_row_outcome o on o.import_id = r.import_id and o.seq = r.seq
         left join client c on c.id = o.client_id
         where r.import_id = ? and r.seq > ?${failedOnly ? ` and o.outcome = 'failed'` : ''}
         order by r.seq limit ?`,
    [importId, after, limit],
  );
}
