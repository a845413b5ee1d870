import { pgArray } from '@server/database/pg-array';
import type { SqlRunner } from '@server/database/sql-runner';

/** This import's parsed rows, private to the staging transaction. */
export async function createStagingTable(sql: SqlRunner): Promise<void> {
  await sql(`create temp table import_stage (
    seq integer not null, row_number integer not null, raw text[] not null, data jsonb null,
    failure text null
  ) on commit drop`);
}

/** The COPY (run on the driver connection) that fills the staging table, one CSV line a row. */
export const COPY_INTO_STAGE =
  'copy import_stage (seq, row_number, raw, data, failure) from stdin (format csv)';

/** Rows an earlier staging of this import left, deleted through the index. */
export async function deleteStagedRows(sql: SqlRunner, importId: string): Promise<void> {
  await sql(`set local enable_seqscan = off`);
  await sql('delete from import_row where import_id = ?', [importId]);
  await sql(`set local enable_seqscan = on`);
}

/**
 * Moves the staged rows into import_row. A row repeating an earlier valid row's Tax Client ID
 * or email (same kind, standard or offline) fails. One scan of the temporary table and a sort
 * per key: rows already failed, or without the key, fall in a partition the case ignores.
 */
export async function moveStagedRowsMarkingDuplicates(
  sql: SqlRunner,
  importId: string,
): Promise<{ total: number; failed: number }> {
  const [moved] = await sql<{ total: number; failed: number }[]>(
    `
  with moved as (
    insert into import_row (import_id, seq, row_number, raw, data, failure)
    select ?, seq, row_number, raw, data, coalesce(failure, case
      when has_tax and tax_first <> row_number then format('Duplicate of row %s: same Tax Client ID in this file.', tax_first)
      when has_email and email_first <> row_number then format('Duplicate of row %s: same email in this file.', email_first)
    end)
    from (
      select s.*,
        min(row_number) over (partition by
          case when failure is null then data->>'taxClientId' end, data->>'isOffline') as tax_first,
        min(row_number) over (partition by
          case when failure is null then data->>'email' end, data->>'isOffline') as email_first,
        failure is null and data->>'taxClientId' is not null as has_tax,
        failure is null and data->>'email' is not null as has_email
      from import_stage s
    ) x
    returning failure
  )
  select count(*)::int as total, count(failure)::int as failed from moved`,
    [importId],
  );
  return moved;
}

/** What staging learnt of the file. */
export async function setImportFileFacts(
  sql: SqlRunner,
  importId: string,
  file: { format: string; headers: string[]; unknownColumns: string[]; total: number },
): Promise<void> {
  await sql(
    `update import_job set format = ?, headers = ?, unknown_columns = ?, total = ?
         where id = ?`,
    [file.format, pgArray(file.headers), pgArray(file.unknownColumns), file.total, importId],
  );
}
