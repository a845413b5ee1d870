import type { EntityManager } from '@mikro-orm/postgresql';
import type { SqlFragment } from './sql-fragment';

/** Below this many rows every list is planned by PostgreSQL alone and counted exactly. */
export const SAMPLE_ABOVE_ROWS = 20_000;
/**
 * Rows a probe looks at (a block sample of the table), whatever the table's size. The probe
 * runs before every filtered page, so it must stay a small part of one: at a million rows, a
 * 10,000-row sample took about 45 ms of a 50 ms budget, 2,500 take about 10.
 */
const SAMPLE_ROWS = 2_500;
/** Totals are exact up to this many matches when the matches can be found through an index. */
export const EXACT_TOTAL_LIMIT = 10_000;
/** Cost of a row read through a bitmap, and read in sequence, against one fetched by a walk. */
const BITMAP_ROW_COST = 0.5;
const SEQUENTIAL_ROW_COST = 0.25;
/** The fewest rows a bounded walk may read (a sample's estimate is rough for a short walk). */
const MIN_WALK_ROWS = 5_000;

/**
 * One filtered, sorted page of a large table. `where` is a condition on `alias` ('true' for
 * none); `sortKey` and `order` are what the ORDER BY sorts by (ties broken by id);
 * `narrowed` says an index finds the matching rows without reading the table.
 */
export interface SampledListSpec {
  table: string;
  alias: string;
  where: SqlFragment;
  sortKey: string;
  order: 'ASC' | 'DESC';
  /** Rows without a sort key come last in both directions (PostgreSQL's default: last ASC). */
  nullsLast?: boolean;
  narrowed: boolean;
  range: { start: number; end: number };
  /** A cheaper exact count than `count(*) ... where`, when there is one. */
  count?: SqlFragment;
  /**
   * Every value the sort key can take, when they are few (a type or a status) and the key has
   * no (key, id) index: a walk then reads the matches of one value after another in id order
   * (see valueWalkSql) instead of sorting the whole table.
   */
  sortValues?: readonly string[];
  /**
   * The filter written to be checked one row at a time (a correlated lookup that PostgreSQL
   * cannot hash), for the sample and the walks, when `where` joins a large set: there it would
   * collect every match before the first row of a walk. Candidates and counts use `where`.
   */
  rowWhere?: SqlFragment;
}

/** The filter a sample or a walk checks row by row. */
const walkWhere = (s: SampledListSpec) => s.rowWhere ?? s.where;

/**
 * How a page is fetched: `walk` follows the sort index and filters row by row (cheap when
 * matches come early in sort order); `candidates` collects every match first (through the
 * filter's own index) and sorts those. The choice comes from where the matches of a sample
 * actually sit in sort order, so a filter that correlates with the sort cannot fool it.
 */
export interface ListPlan {
  form: 'walk' | 'candidates';
  /** Matches estimated from the sample (null: table too small to sample). */
  estimated: number | null;
  /** Count the total exactly; otherwise `estimated` is the total. */
  exactTotal: boolean;
  /**
   * The walk reads at most this many rows in sort order (four times what the sample says it
   * needs), so PostgreSQL cannot turn it into collecting every match; a page it leaves short is
   * walked again without the bound.
   */
  walkRows?: number;
}

export interface SampleProbe {
  tableRows: number;
  sampled: number;
  hits: number;
  /** Sample rows walked in sort order until enough matches for the page (null: never). */
  walk: number | null;
}

export const tableRowsSql = (table: string) =>
  `select greatest(reltuples, 0)::float8 as rows from pg_class where oid = '${table}'::regclass`;

const orderBy = (s: SampledListSpec, key = s.sortKey) =>
  `order by ${key} ${s.order}${s.nullsLast ? ' nulls last' : ''}, ${s.alias}.id ${s.order}`;

/**
 * A fixed-seed block sample, so the same request is planned the same way: how many sampled
 * rows match, and how far a walk in sort order goes before it has the page's last match. The
 * matches are the same sample filtered in a WHERE clause (same seed, same snapshot, same
 * rows), so a subquery in the filter is joined once rather than run for every sampled row.
 */
export function probeSql(s: SampledListSpec, tableRows: number): SqlFragment {
  const percent = Math.min(100, (100 * SAMPLE_ROWS) / Math.max(tableRows, 1));
  const needed = Math.max(1, Math.ceil(((s.range.end + 1) * percent) / 100));
  const sample = `${s.table} ${s.alias} tablesample system (?) repeatable (0)`;
  return {
    sql: `with s as (
        select ${s.alias}.id, row_number() over (${orderBy(s)}) as pos from ${sample}
      ), h as (select ${s.alias}.id from ${sample} where ${walkWhere(s).sql}),
      r as (
        select s.pos, h.id is not null as hit,
          count(h.id) over (order by s.pos) as seen
        from s left join h on h.id = s.id
      )
      select count(*)::int as sampled, count(*) filter (where hit)::int as hits,
        min(pos) filter (where hit and seen >= ?)::int as walk from r`,
    params: [percent, percent, ...walkWhere(s).params, needed],
  };
}

export function choosePlan(s: SampledListSpec, probe: SampleProbe | null): ListPlan {
  if (!probe || probe.sampled === 0 || probe.tableRows < SAMPLE_ABOVE_ROWS) {
    return { form: 'walk', estimated: null, exactTotal: true };
  }
  const scale = probe.tableRows / probe.sampled;
  const estimated = Math.round(probe.hits * scale);
  const walked = (probe.walk ?? probe.sampled) * scale;
  // Rows read either way, weighed by how they are read: the walk fetches rows one by one in
  // sort order; candidates fetch every match in table order (a bitmap), or, with no index to
  // find them, read the whole table in sequence.
  const candidatesCost = s.narrowed
    ? estimated * BITMAP_ROW_COST
    : probe.tableRows * SEQUENTIAL_ROW_COST;
  const form = candidatesCost < walked ? 'candidates' : 'walk';
  const walkRows = Math.ceil(Math.max(4 * walked, MIN_WALK_ROWS));
  return {
    form,
    estimated,
    exactTotal: s.narrowed && estimated <= EXACT_TOTAL_LIMIT,
    ...(form === 'walk' && walkRows < probe.tableRows && { walkRows }),
  };
}

/**
 * The page as `select <alias>.*`. The candidates form materializes (id, sort key) of every
 * match, so PostgreSQL cannot turn it back into a walk, and counts them in the same statement
 * (`_total`, with a null row when the page is past the end).
 */
export function pageSql(s: SampledListSpec, plan: ListPlan): SqlFragment {
  const a = s.alias;
  const limit = [s.range.start, s.range.end - s.range.start + 1];
  if (plan.form === 'walk' && s.sortValues) return valueWalkSql(s, s.sortValues, limit);
  if (plan.form === 'walk' && plan.walkRows) return boundedWalkSql(s, plan.walkRows, limit);
  if (plan.form === 'walk') {
    return {
      sql: `select ${a}.* from ${s.table} ${a} where ${walkWhere(s).sql} ${orderBy(s)} offset ? limit ?`,
      params: [...walkWhere(s).params, ...limit],
    };
  }
  return {
    sql: `with m as materialized (
        select ${a}.id, ${s.sortKey} as k from ${s.table} ${a} where ${s.where.sql}
      ), p as (select m.id, m.k from m ${orderBy({ ...s, alias: 'm' }, 'm.k')} offset ? limit ?)
      select ${a}.*, t._total from (select count(*)::int as _total from m) t
      left join p on true left join ${s.table} ${a} on ${a}.id = p.id
      ${orderBy({ ...s, alias: 'p' }, 'p.k')}`,
    params: [...s.where.params, ...limit],
  };
}

/**
 * A walk of at most `rows` rows in sort order: the first rows by the sort index, with their
 * sort key as `_k` (so the outer query keeps their order instead of sorting them again), then
 * the filter on those. Callers drop `_k`.
 */
function boundedWalkSql(s: SampledListSpec, rows: number, limit: number[]): SqlFragment {
  const a = s.alias;
  return {
    sql: `select * from (select ${a}.*, ${s.sortKey} as _k from ${s.table} ${a} ${orderBy(s)} limit ?) ${a}
      where ${walkWhere(s).sql} ${orderBy(s, `${a}._k`)} offset ? limit ?`,
    params: [rows, ...walkWhere(s).params, ...limit],
  };
}

/**
 * A walk for a sort key of few values: for each value in sort order, its first matches in id
 * order (at most the page's end; PostgreSQL picks per value between the primary key and the
 * key's own index), then the page of those, in order. Sorting a few thousand rows replaces
 * sorting the table. Each row carries `_value`, the position of its value, which callers drop.
 */
function valueWalkSql(s: SampledListSpec, values: readonly string[], limit: number[]): SqlFragment {
  const a = s.alias;
  const ordered = [...values].sort();
  if (s.order === 'DESC') ordered.reverse();
  const branches = ordered.map(
    (_, i) =>
      `(select ${a}.*, ${i} as _value from ${s.table} ${a} where ${walkWhere(s).sql} and ${s.sortKey} = ?
        order by ${a}.id ${s.order} limit ?)`,
  );
  return {
    sql: `select * from (${branches.join(' union all ')}) ${a}
      order by _value, ${a}.id ${s.order} offset ? limit ?`,
    params: [...ordered.flatMap((v) => [...walkWhere(s).params, v, s.range.end + 1]), ...limit],
  };
}

type Connection = ReturnType<EntityManager['getConnection']>;

export interface SampledPage<Row> {
  rows: Row[];
  total: number;
  /** The total is an estimate from the sample (shown as "about N"). */
  estimated: boolean;
}

/** How to fetch a page: from a sample on large tables, PostgreSQL's own plan on small ones. */
async function planList(conn: Connection, s: SampledListSpec): Promise<ListPlan> {
  const [{ rows: tableRows }] = await conn.execute<{ rows: number }[]>(tableRowsSql(s.table));
  if (tableRows < SAMPLE_ABOVE_ROWS) return { form: 'walk', estimated: null, exactTotal: true };
  if (s.where.sql === 'true') {
    return { form: 'walk', estimated: Math.round(tableRows), exactTotal: false };
  }
  const probe = probeSql(s, tableRows);
  const [sample] = await conn.execute<Omit<SampleProbe, 'tableRows'>[]>(probe.sql, probe.params);
  return choosePlan(s, { ...sample, tableRows });
}

/** The walk's page, counted in parallel when the total is exact and not `known` yet. */
async function walkPage<Row>(
  conn: Connection,
  s: SampledListSpec,
  plan: ListPlan,
  known?: number,
): Promise<SampledPage<Row>> {
  const page = pageSql(s, plan);
  const count = s.count ?? {
    sql: `select count(*)::int as total from ${s.table} ${s.alias} where ${s.where.sql}`,
    params: s.where.params,
  };
  const [rows, total] = await Promise.all([
    conn
      .execute<(Row & { _value?: number; _k?: unknown })[]>(page.sql, page.params)
      .then((found) => found.map(({ _value, _k, ...row }) => row as unknown as Row)),
    known !== undefined || !plan.exactTotal
      ? Promise.resolve(known ?? plan.estimated ?? 0)
      : conn.execute<{ total: number }[]>(count.sql, count.params).then(([r]) => r.total),
  ]);
  return { rows, total, estimated: !plan.exactTotal };
}

/** Every match collected and sorted, the page cut from them and counted in one statement. */
async function candidatesPage<Row>(
  conn: Connection,
  s: SampledListSpec,
  plan: ListPlan,
): Promise<SampledPage<Row>> {
  const page = pageSql(s, { ...plan, form: 'candidates' });
  const found = await conn.execute<(Row & { id: string | null; _total: number })[]>(
    page.sql,
    page.params,
  );
  return {
    rows: found.filter((r) => r.id !== null).map(({ _total, ...row }) => row as unknown as Row),
    total: found[0]?._total ?? 0,
    estimated: false,
  };
}

/** Plans (from a sample, on large tables), fetches and counts one page. */
export async function sampledList<Row extends { id: string }>(
  conn: Connection,
  s: SampledListSpec,
): Promise<SampledPage<Row>> {
  const plan = await planList(conn, s);
  if (plan.form === 'candidates') return candidatesPage<Row>(conn, s, plan);
  const page = await walkPage<Row>(conn, s, plan);
  // A bounded walk that leaves the page short may have stopped before the matches did.
  if (!plan.walkRows || page.rows.length > s.range.end - s.range.start) return page;
  return walkPage<Row>(conn, s, { ...plan, walkRows: undefined }, page.total);
}
