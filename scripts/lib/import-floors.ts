import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openImportFile } from '../../server/modules/imports/file/import-file-reader';
import { IMPORT_COLUMNS } from '../../server/modules/imports/import-columns';
import { csvLine, inBlocks } from '../../server/modules/imports/delivery/copy-csv';
import { TAG_PALETTE } from '../../server/modules/tags/tag-palette';

/**
 * The issue's floor: the import's streaming parse of `file` and a COPY of the parsed rows into
 * a plain table. Seconds.
 */
export function copyFloor(url: string, file: string): Promise<number> {
  return timed(url, (pg) => copyParsed(pg, file));
}

/**
 * What any import of `file` has to write, with no workflow, chunks, staging or row outcomes:
 * the floor's parse and COPY, then one set-based statement per destination table (tags,
 * clients, contacts, client-contact links, client tags) in one transaction. `url` must be a
 * migrated database (it may hold other clients), so the writes pay for the real indexes,
 * foreign keys and triggers. Assumes the bench file's shape: every row a new standard client
 * with a unique email and Tax Client ID. Also returns the CPU seconds its server process
 * spent (null when the server is not on this machine): unlike the seconds, they hardly move
 * with the load of other work.
 */
export async function writeFloor(
  url: string,
  file: string,
): Promise<{ seconds: number; serverCpu: number | null }> {
  let serverCpu: number | null = null;
  const seconds = await timed(
    url,
    async (pg) => {
      const pid = (await pg.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid;
      const before = await processCpu(pid);
      await copyParsed(pg, file);
      await pg.query('begin');
      await pg.query(`create temp table floor_clients as
      select gen_random_uuid() as client_id, gen_random_uuid() as contact_id,
             r.*, nullif(r."companyName", '') as company
      from floor_rows r`);
      // Each row's tag names, split once (the import splits them once too).
      await pg.query(`create temp table floor_tags as
      select distinct f.client_id, trim(n) as name
      from floor_clients f, unnest(regexp_split_to_array(f.tags, '[;,]')) n where trim(n) <> ''`);
      await pg.query(
        `insert into tag (id, name, color)
       select gen_random_uuid(), name, $1 from (select distinct name from floor_tags) x
       on conflict (lower(name)) do nothing`,
        [TAG_PALETTE.blue],
      );
      // With its tags' ids, as the import writes a client (see insertClients).
      await pg.query(`insert into client (id, type, connection_status, display_name, tag_ids,
        first_name, last_name, company_name, email, phone, street, city, state, postal_code, tax_client_id)
      select f.client_id, 'standard', 'not_connected', coalesce(company, concat_ws(' ', "firstName", "lastName")),
        coalesce(x.ids, '{}'), "firstName", "lastName", company, email, phone, street, city, state,
        "postalCode", "taxClientId"
      from floor_clients f left join (
        select ft.client_id, array_agg(distinct t.id order by t.id) as ids
        from floor_tags ft join tag t on lower(t.name) = lower(ft.name) group by ft.client_id
      ) x on x.client_id = f.client_id`);
      await pg.query(`insert into contact (id, email, first_name, last_name, phone)
      select contact_id, email, "firstName", "lastName", phone from floor_clients where email is not null`);
      await pg.query(`insert into client_contact (client_id, contact_id, role, is_primary)
      select client_id, contact_id, 'contact_collaborator', true from floor_clients where email is not null`);
      await pg.query(`insert into client_tag (client_id, tag_id)
      select distinct f.client_id, t.id from floor_tags f join tag t on lower(t.name) = lower(f.name)`);
      await pg.query('commit');
      const after = await processCpu(pid);
      serverCpu = before === null || after === null ? null : after - before;
    },
    checkWritten,
  );
  return { seconds, serverCpu };
}

/** User and system CPU seconds of a process of this machine (null: not readable here). */
async function processCpu(pid: number): Promise<number | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (!stat) return null;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime, fields 14 and 15 of proc_pid_stat(5), in clock ticks (100 a second).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Fails the bench if a write floor statement wrote less than the file asks for. */
async function checkWritten(pg: Client): Promise<void> {
  const { rows } = await pg.query<Record<string, string>>(`select
    (select count(*) from floor_clients) as rows,
    (select count(*) from floor_clients where email is not null) as emails,
    (select count(distinct (client_id, lower(name))) from floor_tags) as tags,
    (select count(*) from client where id in (select client_id from floor_clients)) as clients,
    (select count(*) from contact where id in (select contact_id from floor_clients)) as contacts,
    (select count(*) from client_contact where client_id in (select client_id from floor_clients)) as links,
    (select count(*) from client_tag where client_id in (select client_id from floor_clients)) as client_tags`);
  const c = rows[0];
  if (
    c.clients !== c.rows ||
    c.contacts !== c.emails ||
    c.links !== c.emails ||
    c.client_tags !== c.tags
  )
    throw new Error(`write floor wrote ${JSON.stringify(c)}`);
}

/**
 * Seconds `work` takes on a connection that has an empty temp table floor_rows; `check` then
 * runs untimed.
 */
async function timed(
  url: string,
  work: (pg: Client) => Promise<void>,
  check?: (pg: Client) => Promise<void>,
): Promise<number> {
  const pg = new Client({ connectionString: url });
  await pg.connect();
  try {
    await pg.query(
      `create temp table floor_rows (${IMPORT_COLUMNS.map((c) => `"${c.field}" text`).join(', ')})`,
    );
    const started = performance.now();
    await work(pg);
    const seconds = (performance.now() - started) / 1000;
    await check?.(pg);
    return seconds;
  } finally {
    await pg.end();
  }
}

/** Parses `file` as an import does and COPYs every row's cells into floor_rows. */
async function copyParsed(pg: Client, file: string): Promise<void> {
  const reader = await openImportFile(file, { maxRows: 10_000_000 });
  async function* lines() {
    for await (const row of reader.rows())
      yield csvLine(IMPORT_COLUMNS.map((c) => row.values[c.field] ?? null));
  }
  await pipeline(
    Readable.from(inBlocks(lines())),
    pg.query(copyFrom('copy floor_rows from stdin (format csv)')),
  );
}
