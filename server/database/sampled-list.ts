import type { BudgetedRunner } from './budgeted-runner';
import type { SqlRunner } from './sql-runner';
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
/**
 * A filter PostgreSQL expects at most this many matches of is collected without a sample: the
 * probe took 7 to 12 ms of a page whose one match took 1 to fetch (an event's history). Its
 * estimate of a search term can be hundreds of times too low (it takes a term's trigrams as
 * independent: an Outbox term it put at 50 matched 20,824), hence the cap.
 */
export const FEW_EXPECTED = 500;
/**
 * Matches such a filter's collection stops at (a few milliseconds' work): past it PostgreSQL
 * misjudged the filter, and the page is planned from a sample after all.
 */
export const FEW_CAP = 2_000;
/**
 * Costs against a row fetched by a walk, measured on the million-client matrix of bench:list
 * (a walked row took 1.7 to 3.5 µs): a match collected through a bitmap (2.4 to 5.2 µs: it is
 * fetched in table order but also has its sort key computed, kept and sorted), a row read in
 * sequence, an entry of the sort index read into a bitmap for the range form and a match's
 * entry read from the filter's index (0.2 µs). Counting a collected match as half a walked row
 * collected a tag and a status's 32,000 matches in 139 ms where the walk took 59. A range's
 * entry costs a twelfth of a collected match: ranges of 440,000 to 630,000 entries were as
 * slow as collecting 43,000 to 54,000 matches or slower (74 to 160 ms against 81 to 86).
 */
const BITMAP_ROW_COST = 1.5;
const SEQUENTIAL_ROW_COST = 0.25;
const RANGE_ENTRY_COST = 0.12;
/**
 * A short term's range is not read from the sort index but checked on the term's matches (see
 * SampledListSpec.startRanges), for less than reading it: its entries keep the cost that chose
 * those ranges well (q "sm" by last name: 32 to 43 ms with the range, 108 without).
 */
const FILTERED_RANGE_ENTRY_COST = 0.06;
const MATCH_ENTRY_COST = 0.08;
/** The fewest rows a bounded walk may read (a sample's estimate is rough for a short walk). */
const MIN_WALK_ROWS = 5_000;
/**
 * Below this many sampled matches the sample cannot place the matches in sort order: the first
 * of four may sit anywhere among the first 80% of the table.
 */
const FEW_SAMPLED_HITS = 8;
/**
 * Collecting the matches costs enough (in walked rows: 3,300 matches or more) that a walk is
 * worth trying first when the sample cannot tell. Only tables of several million rows have so
 * many matches behind so few sampled ones.
 */
const COLLECT_WORTH_GUESSING = 5_000;
/**
 * A first sampled match this many mean gaps in (at the sample's density) is later than matches
 * spread evenly from the start would put it more than one time in twenty: they start further on.
 */
const EVEN_SPREAD_GAPS = 3;

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
  /**
   * The column whose absence leaves the sort key null, when its sort index is partial (only
   * rows that have it): those rows come last in both directions, and a walk reads the indexed
   * rows, then the others in id order (see nullableWalkSql). Implies `nullsLast`.
   */
  nullable?: string;
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
   * The part of `where` that bounds the sort key (a date range on a list sorted by date): a
   * walk's index starts at its first row, so the rows before it cost the walk nothing.
   */
  seek?: SqlFragment;
  /**
   * Parts of the table whose rows are in different indexes, when no one index holds the whole
   * sort order: each part's `where` selects its rows, on which `key` equals the sort key and
   * leads the part's (key, id) index. A walk merges the first matches of each (see
   * partsWalkSql). Every row is in exactly one part.
   */
  sortParts?: readonly { where: string; key: string }[];
  /**
   * The filter written to be checked one row at a time (a correlated lookup that PostgreSQL
   * cannot hash), for the sample and the walks, when `where` joins a large set: there it would
   * collect every match before the first row of a walk. Candidates and counts use `where`.
   */
  rowWhere?: SqlFragment;
  /**
   * The filter is one an index finds exactly and cheaply as a bitmap (a search term of letters
   * and digits, nothing else), so a range of the sort index can be intersected with it (see
   * ListPlan.bound). A join, or a term whose trigrams every row has, makes the range cost more
   * than a walk.
   */
  rangeable?: boolean;
  /**
   * With `rangeable`: the filter is a short term's ranges of several start indexes (see
   * searchCondition), not one index's condition. Told that the range is narrow (see boundSql),
   * PostgreSQL drops those for the range alone and checks the term on every row of it (390 ms
   * where checking the range on the term's matches took 107), so the range is left as it is.
   */
  startRanges?: boolean;
  /**
   * An equality in `where` leads an index that goes on with the sort key (an actor's events by
   * date): PostgreSQL's own walk reads only the matches, in order, where the sample, placed in
   * the whole table's order, sees a walk that passes every other row. That walk is tried first
   * (see ListPlan.guess).
   */
  orderedByIndex?: boolean;
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
  /**
   * Matches estimated from the sample, or PostgreSQL's estimate for a capped collection (see
   * `cap`); null: table too small to sample.
   */
  estimated: number | null;
  /** Count the total exactly; otherwise `estimated` is the total. */
  exactTotal: boolean;
  /**
   * The walk reads at most this many rows in sort order (four times what the sample says it
   * needs), so PostgreSQL cannot turn it into collecting every match; a page it leaves short is
   * walked again without the bound.
   */
  walkRows?: number;
  /**
   * The walk's rows were reckoned from the sample's density rather than from where its matches
   * sit (evenlySpreadWalk); a page the bounded walk leaves short is fetched by this plan, the
   * one the matches' positions in the sample give.
   */
  otherwise?: ListPlan;
  /**
   * Candidates only up to this row of the sort order: the sort index's range up to it, and the
   * filter's index, intersected as bitmaps, so only the matches in the range are fetched. For a
   * broad filter whose matches sit some way into the sort order, where a walk would fetch every
   * row before them and candidates every match. A page the range leaves short is fetched again
   * without it.
   */
  bound?: { key: string; id: string };
  /**
   * PostgreSQL's own plan of the walk runs first, within the budget, when it reads an index in
   * sort order; otherwise the page is fetched by this plan. Either the sample holds too few
   * matches to say whether a walk finds them early (FEW_SAMPLED_HITS) and collecting them costs
   * enough to try, or an index gives the matches in order (SampledListSpec.orderedByIndex).
   */
  guess?: true;
  /**
   * Totals a thin sample (fewer than FEW_SAMPLED_HITS matches) makes plausible. When an exact
   * count runs past its budget, such a sample's estimate is too rough to stand for the total, so
   * PostgreSQL's estimate is held within them instead.
   */
  plausible?: { low: number; high: number };
  /**
   * Candidates collected without a sample, PostgreSQL expecting few matches (FEW_EXPECTED): at
   * most this many; one more, and the page is planned from a sample.
   */
  cap?: number;
}

export interface SampleProbe {
  tableRows: number;
  sampled: number;
  hits: number;
  /** Sample rows walked in sort order until enough matches for the page (null: never). */
  walk: number | null;
  /**
   * The sample row where the matches seen are enough for the page with a margin for chance
   * (boundNeeded): its position, sort key (as text; only a `rangeable` list reads it, the others
   * skip the cast) and id, or null when there are not enough.
   */
  boundPos: number | null;
  boundKey: string | null;
  boundId: string | null;
  /** The first sample row within `seek` (null: none, or no seek). */
  seekPos: number | null;
}

/**
 * The table's rows as PostgreSQL's planner reckons them: the rows per page of its last analysis
 * times the pages the table has now, so rows added since count without waiting for the next
 * analysis. The statistics collector's live-row count is used only for a table never analysed
 * with rows in it (one imported a moment ago, reltuples -1, which planned as a small table
 * would be sorted and counted whole): an analysis that races the flush of the insert's counts
 * leaves that count at twice the rows until the next one. The counter is read by its function:
 * the pg_stat_user_tables view gathers every statistic of the table (planned and run, 0.6 ms
 * of every page against 0.14).
 */
export const tableRowsSql = (table: string) =>
  `select (case when c.reltuples > 0 and c.relpages > 0
      then c.reltuples / c.relpages * (pg_relation_size(c.oid) / current_setting('block_size')::float8)
      else greatest(pg_stat_get_live_tuples(c.oid), 0) end)::float8 as rows
   from pg_class c where c.oid = '${table}'::regclass`;

const orderBy = (s: SampledListSpec, key = s.sortKey) =>
  `order by ${key} ${s.order}${s.nullsLast || s.nullable ? ' nulls last' : ''}, ${s.alias}.id ${s.order}`;

/**
 * A fixed-seed block sample, so the same request is planned the same way: how many sampled
 * rows match, and how far a walk in sort order goes before it has the page's last match. The
 * matches are the same sample filtered in a WHERE clause (same seed, same snapshot, same
 * rows), so a subquery in the filter is joined once rather than run for every sampled row.
 * Each sampled row looks itself up in a hash of those: joined, PostgreSQL trusts its guess
 * that a row-by-row filter keeps almost nothing and compares every pair (335,000 at a million
 * clients for a term and an excluded tag).
 */
export function probeSql(s: SampledListSpec, tableRows: number): SqlFragment {
  const percent = samplePercent(tableRows);
  const sample = `${s.table} ${s.alias} tablesample system (?) repeatable (0)`;
  const seek = s.seek ?? { sql: 'false', params: [] };
  return {
    sql: `with s as (
        select ${s.alias}.id, ${s.rangeable ? `(${s.sortKey})::text` : 'null::text'} as k,
          row_number() over (${orderBy(s)}) as pos, ${seek.sql} as sought
        from ${sample}
      ), h as materialized (select ${s.alias}.id from ${sample} where ${walkWhere(s).sql}),
      f as materialized (
        select s.pos, s.k, s.id, s.sought, s.id in (select h.id from h) as hit from s
      ),
      r as (select f.*, count(*) filter (where hit) over (order by pos) as seen from f),
      b as (select pos, k, id from r where hit and seen >= ? order by pos limit 1)
      select count(*)::int as sampled, count(*) filter (where hit)::int as hits,
        min(pos) filter (where hit and seen >= ?)::int as walk,
        (select pos from b)::int as "boundPos", (select k from b) as "boundKey",
        (select id::text from b) as "boundId", min(pos) filter (where sought)::int as "seekPos"
      from r`,
    params: [
      ...seek.params,
      percent,
      percent,
      ...walkWhere(s).params,
      boundNeeded(s, tableRows),
      neededMatches(s, tableRows),
    ],
  };
}

const samplePercent = (tableRows: number) =>
  Math.min(100, (100 * SAMPLE_ROWS) / Math.max(tableRows, 1));

/** Sampled matches that stand for the page's last match. */
const neededMatches = (s: SampledListSpec, tableRows: number) =>
  Math.max(1, Math.ceil(((s.range.end + 1) * samplePercent(tableRows)) / 100));

/**
 * Sampled matches a range must hold: twice the page's share, and a margin for chance. A block
 * sample of clustered rows can hold half again as many matches as the table has around them.
 */
const boundNeeded = (s: SampledListSpec, tableRows: number) => {
  const needed = neededMatches(s, tableRows);
  return 2 * needed + 3 * Math.ceil(Math.sqrt(needed)) + 2;
};

/**
 * One (key, id) index gives the whole sort order. Otherwise a walk reads values, keyed and
 * unkeyed rows, or parts of the table one after another, each to the page's end (see pageSql),
 * so it has no bound to give and no range to read.
 */
const oneIndexOrder = (s: SampledListSpec) => !s.sortValues && !s.nullable && !s.sortParts;

export function choosePlan(s: SampledListSpec, probe: SampleProbe | null): ListPlan {
  if (!probe || probe.sampled === 0 || probe.tableRows < SAMPLE_ABOVE_ROWS) {
    return { form: 'walk', estimated: null, exactTotal: true };
  }
  const plan = sampledPlan(s, probe);
  // PostgreSQL plans a plain walk itself anyway: only one collected or bounded (which only a
  // single index's order is) is worth a guess. placedPlan guesses for a thin sample.
  const ownWalk =
    s.orderedByIndex && (plan.form === 'candidates' ? oneIndexOrder(s) : plan.walkRows);
  return ownWalk ? { ...plan, guess: true } : plan;
}

/** The plan the sample's matches give (see choosePlan). */
function sampledPlan(s: SampledListSpec, probe: SampleProbe): ListPlan {
  const scale = probe.tableRows / probe.sampled;
  const placed = placedPlan(s, probe, scale);
  // A placed walk stops at the page's last match anyway: only collecting is worth a guess.
  if (placed.plan.form !== 'candidates' || !s.narrowed || !oneIndexOrder(s)) return placed.plan;
  const even = evenlySpreadWalk(s, probe, scale);
  if (even === null) return placed.plan;
  // Four times the reckoning, as for a placed walk, but a wrong guess, which reads every row it
  // may, costs at most half what collecting does; one bounded closer than half again the
  // reckoning would rarely find the page.
  const walkRows = Math.ceil(Math.min(4 * even, placed.cost / 2));
  if (walkRows < 1.5 * even || walkRows >= probe.tableRows) return placed.plan;
  const { estimated, exactTotal } = placed.plan;
  return { form: 'walk', estimated, exactTotal, walkRows, otherwise: placed.plan };
}

/** The plan from where the sample's matches sit in sort order, and its cost in walked rows. */
function placedPlan(
  s: SampledListSpec,
  probe: SampleProbe,
  scale: number,
): { plan: ListPlan; cost: number } {
  const estimated = Math.round(probe.hits * scale);
  const walked = sampledWalk(probe) * scale;
  // Rows read either way, weighed by how they are read: the walk fetches rows one by one in
  // sort order; candidates fetch every match in table order (a bitmap), or, with no index to
  // find them, read the whole table in sequence.
  const candidatesCost = s.narrowed
    ? estimated * BITMAP_ROW_COST
    : probe.tableRows * SEQUENTIAL_ROW_COST;
  const exactTotal = s.narrowed && estimated <= EXACT_TOTAL_LIMIT;
  const range = rangeOf(s, probe, scale, exactTotal);
  if (range && range.cost < Math.min(candidatesCost, walked)) {
    return {
      plan: { form: 'candidates', estimated, exactTotal, bound: range.bound },
      cost: range.cost,
    };
  }
  const form = candidatesCost < walked ? 'candidates' : 'walk';
  const walkRows = Math.ceil(Math.max(4 * walked, MIN_WALK_ROWS));
  const thin = probe.hits < FEW_SAMPLED_HITS;
  const guess =
    form === 'candidates' &&
    oneIndexOrder(s) &&
    thin &&
    Math.max(candidatesCost, scale * BITMAP_ROW_COST) >= COLLECT_WORTH_GUESSING;
  const plan: ListPlan = {
    form,
    estimated,
    exactTotal,
    ...(thin && { plausible: plausibleTotals(probe.hits, scale) }),
    ...(form === 'walk' && oneIndexOrder(s) && walkRows < probe.tableRows && { walkRows }),
    ...(guess && { guess: true }),
  };
  return { plan, cost: Math.min(candidatesCost, walked) };
}

/**
 * Totals within two standard deviations of the sampled matches (counted as a Poisson draw, with
 * a row's worth more either side for a block sample's clumps), scaled to the table. None sampled
 * still allows three rows' worth: a sample misses that many one time in twenty.
 */
const plausibleTotals = (hits: number, scale: number) => {
  const spread = 2 * Math.sqrt(hits);
  return {
    low: Math.round(Math.max(0, hits - spread - 1) * scale),
    high: Math.round((hits + spread + 3) * scale),
  };
};

/**
 * Rows a walk reads for the page when one sampled match stands for more matches than the page
 * needs (a page of 25 on ten million rows: one sampled match stands for 3,600): the first sampled
 * match's position then overstates the walk up to that many times (a busy client's 2% of the
 * trail read as a 270,000-row walk, and all 212,000 of its events collected and sorted in 1 s).
 * When that first match comes no later than an even spread would likely put it, the page's
 * matches are reckoned at the sample's density; otherwise null (they start further on).
 */
function evenlySpreadWalk(s: SampledListSpec, probe: SampleProbe, scale: number): number | null {
  const needed = s.range.end + 1;
  if (needed >= scale || probe.hits < FEW_SAMPLED_HITS || probe.walk === null) return null;
  const density = probe.hits / probe.sampled;
  return sampledWalk(probe) * density <= EVEN_SPREAD_GAPS ? needed / density : null;
}

/**
 * Sample rows a walk passes to the page's last sampled match (all of them when it never gets
 * there); a walk with a seek starts at the first row within it.
 */
const sampledWalk = (probe: SampleProbe) =>
  (probe.walk ?? probe.sampled) - (probe.seekPos ?? 1) + 1;

/**
 * The range form's bound and cost, when it can serve: the filter is `rangeable`, the total is
 * an estimate (so the matches past the range need not be counted), and one (key, id) index
 * gives the whole sort order.
 */
function rangeOf(s: SampledListSpec, probe: SampleProbe, scale: number, exactTotal: boolean) {
  const { boundPos, boundKey, boundId } = probe;
  if (!s.rangeable || exactTotal || !oneIndexOrder(s)) return null;
  if (boundPos === null || boundKey === null || boundId === null) return null;
  const cost =
    boundPos * scale * (s.startRanges ? FILTERED_RANGE_ENTRY_COST : RANGE_ENTRY_COST) +
    probe.hits * scale * MATCH_ENTRY_COST +
    boundNeeded(s, probe.tableRows) * scale * BITMAP_ROW_COST;
  return { cost, bound: { key: boundKey, id: boundId } };
}

/**
 * Rows up to `bound` in sort order, as a row comparison the (key, id) index reads as a range.
 * Rows without a key come first in a descending order unless `nullsLast`, so they are in it.
 * The key's own bound, repeated, changes no row: PostgreSQL counts it as a second filter
 * independent of the first, and only with the range's rows estimated that low does it
 * intersect the range with the filter's index. Otherwise it fetched every match of the filter
 * and compared each with the bound (requests "b" by subject: 65 ms to collect, against 21).
 */
function boundSql(s: SampledListSpec, bound: { key: string; id: string }): SqlFragment {
  const nulls = s.order === 'DESC' && !s.nullsLast ? ` or ${s.sortKey} is null` : '';
  const to = s.order === 'ASC' ? '<=' : '>=';
  const repeated = s.startRanges
    ? { sql: '', params: [] }
    : { sql: ` and ${s.sortKey} ${to} ?`, params: [bound.key] };
  return {
    sql: `((${s.sortKey}, ${s.alias}.id) ${to} (?, ?)${repeated.sql}${nulls})`,
    params: [bound.key, bound.id, ...repeated.params],
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
  if (plan.form === 'walk' && s.nullable) return nullableWalkSql(s, s.nullable, limit);
  if (plan.form === 'walk' && s.sortParts) return partsWalkSql(s, s.sortParts, limit);
  if (plan.form === 'walk' && plan.walkRows) return boundedWalkSql(s, plan.walkRows, limit);
  if (plan.form === 'walk') {
    return {
      sql: `select ${a}.* from ${s.table} ${a} where ${walkWhere(s).sql} ${orderBy(s)} offset ? limit ?`,
      params: [...walkWhere(s).params, ...limit],
    };
  }
  const bound = plan.bound ? boundSql(s, plan.bound) : { sql: 'true', params: [] };
  const cap = plan.cap ? [plan.cap + 1] : [];
  return {
    sql: `with m as materialized (
        select ${a}.id, ${s.sortKey} as k from ${s.table} ${a} where ${s.where.sql} and ${bound.sql}
        ${cap.length ? 'limit ?' : ''}
      ), p as (select m.id, m.k from m ${orderBy({ ...s, alias: 'm' }, 'm.k')} offset ? limit ?)
      select ${a}.*, t._total from (select count(*)::int as _total from m) t
      left join p on true left join ${s.table} ${a} on ${a}.id = p.id
      ${orderBy({ ...s, alias: 'p' }, 'p.k')}`,
    params: [...s.where.params, ...bound.params, ...cap, ...limit],
  };
}

/**
 * A walk of at most `rows` rows in sort order: the first rows by the sort index (from the
 * seek's first, if any), with their sort key as `_k` (so the outer query keeps their order
 * instead of sorting them again), then the filter on those. Callers drop `_k`.
 */
function boundedWalkSql(s: SampledListSpec, rows: number, limit: number[]): SqlFragment {
  const a = s.alias;
  const seek = s.seek ?? { sql: 'true', params: [] };
  return {
    sql: `select * from (select ${a}.*, ${s.sortKey} as _k from ${s.table} ${a} where ${seek.sql}
        ${orderBy(s)} limit ?) ${a}
      where ${walkWhere(s).sql} ${orderBy(s, `${a}._k`)} offset ? limit ?`,
    params: [...seek.params, rows, ...walkWhere(s).params, ...limit],
  };
}

/** Branches of a walk, each in parentheses, and the page of their rows in `order`. */
const unionPageSql = (
  s: SampledListSpec,
  branches: SqlFragment[],
  order: string,
  limit: number[],
): SqlFragment => ({
  sql: `select * from (${branches.map((b) => `(${b.sql})`).join(' union all ')}) ${s.alias}
    ${order} offset ? limit ?`,
  params: [...branches.flatMap((b) => b.params), ...limit],
});

/**
 * A walk for a sort key of few values: for each value in sort order, its first matches in id
 * order (at most the page's end; PostgreSQL picks per value between the primary key and the
 * key's own index), then the page of those, in order. Sorting a few thousand rows replaces
 * sorting the table. Each row carries `_value`, the position of its value, which callers drop.
 */
function valueWalkSql(s: SampledListSpec, values: readonly string[], limit: number[]): SqlFragment {
  const a = s.alias;
  const w = walkWhere(s);
  const ordered = [...values].sort();
  if (s.order === 'DESC') ordered.reverse();
  const branches = ordered.map((value, i) => ({
    sql: `select ${a}.*, ${i} as _value from ${s.table} ${a} where ${w.sql} and ${s.sortKey} = ?
      order by ${a}.id ${s.order} limit ?`,
    params: [...w.params, value, s.range.end + 1],
  }));
  return unionPageSql(s, branches, `order by _value, ${a}.id ${s.order}`, limit);
}

/**
 * A walk that merges the parts of the table (see SampledListSpec.sortParts): each part's first
 * matches through its own index (at most the page's end), then the page of those by the sort
 * key, carried as `_k`, which callers drop.
 */
function partsWalkSql(
  s: SampledListSpec,
  parts: NonNullable<SampledListSpec['sortParts']>,
  limit: number[],
): SqlFragment {
  const a = s.alias;
  const w = walkWhere(s);
  const branches = parts.map((part) => ({
    sql: `select ${a}.*, ${part.key} as _k from ${s.table} ${a} where ${w.sql} and ${part.where}
      ${orderBy(s, part.key)} limit ?`,
    params: [...w.params, s.range.end + 1],
  }));
  return unionPageSql(s, branches, orderBy(s, `${a}._k`), limit);
}

/**
 * A walk in two parts for a key whose index holds only the rows that have it: the first matches
 * in that index, then, only when they are fewer than the page's end (a one-time filter skips
 * the part otherwise), the matches without the key in id order. Reading those always would read
 * the table where they are rare. Each row carries `_value`, its part, and `_k`, its sort key,
 * which callers drop.
 */
function nullableWalkSql(s: SampledListSpec, column: string, limit: number[]): SqlFragment {
  const a = s.alias;
  const w = walkWhere(s);
  const keyed = orderBy({ ...s, nullable: undefined });
  return {
    sql: `with keyed as materialized (
        select ${a}.*, ${s.sortKey} as _k from ${s.table} ${a}
        where ${w.sql} and ${column} is not null ${keyed} limit ?
      )
      select * from (
        select *, 0 as _value from keyed
        union all
        (select ${a}.*, null, 1 from ${s.table} ${a}
          where ${w.sql} and ${column} is null and (select count(*) from keyed) < ?
          order by ${a}.id ${s.order} limit ?)
      ) ${a} order by _value, _k ${s.order}, ${a}.id ${s.order} offset ? limit ?`,
    params: [...w.params, s.range.end + 1, ...w.params, s.range.end + 1, s.range.end + 1, ...limit],
  };
}

export interface SampledPage<Row> {
  rows: Row[];
  total: number;
  /** The total is an estimate from the sample (shown as "about N"). */
  estimated: boolean;
}

const tableRowsOf = async (sql: SqlRunner, s: SampledListSpec) =>
  (await sql<{ rows: number }[]>(tableRowsSql(s.table)))[0].rows;

/**
 * How to fetch a page: PostgreSQL's own plan on small tables; on large ones, the matches
 * collected at once when PostgreSQL expects few (FEW_EXPECTED), else a plan from a sample.
 */
async function planList(sql: SqlRunner, s: SampledListSpec): Promise<ListPlan> {
  const tableRows = await tableRowsOf(sql, s);
  if (tableRows < SAMPLE_ABOVE_ROWS) return { form: 'walk', estimated: null, exactTotal: true };
  if (s.where.sql === 'true') {
    return { form: 'walk', estimated: Math.round(tableRows), exactTotal: false };
  }
  if (s.narrowed) {
    const { 'Plan Rows': expected } = await plannedRoot(sql, matchesSql(s));
    if (expected <= FEW_EXPECTED) {
      return { form: 'candidates', estimated: expected, exactTotal: true, cap: FEW_CAP };
    }
  }
  return sampledPlanOf(sql, s, tableRows);
}

/**
 * The plan a fixed-seed sample of the table gives (see choosePlan), the table's rows read when
 * not given.
 */
export async function sampledPlanOf(
  sql: SqlRunner,
  s: SampledListSpec,
  tableRows?: number,
): Promise<ListPlan> {
  const rows = tableRows ?? (await tableRowsOf(sql, s));
  const probe = probeSql(s, rows);
  const [sample] = await sql<Omit<SampleProbe, 'tableRows'>[]>(probe.sql, probe.params);
  return choosePlan(s, { ...sample, tableRows: rows });
}

/**
 * What a page can do without, each given up past its budget: an exact count, and a guessed walk
 * (ListPlan.guess), which saves collecting the matches, so it may take longer.
 */
export interface ListBudgets {
  /**
   * Runs an exact count, after its page, for a time that depends on `pageMs`, what the page
   * took: a total must not cost much more than the page it labels.
   */
  count: (pageMs: number) => BudgetedRunner;
  guess: BudgetedRunner;
}

/**
 * How long an exact count may run, from what its page took (`pageMs`) and the list's budget: as
 * long as the page, at least a fifth of the budget (through an index 10,000 matches count in a
 * few milliseconds) and at most all of it. Run beside its page for the whole budget, a count
 * given up cost 50 ms of a page that took 10 (a staff member's sign-ins by date).
 */
export const countBudgetMs = (pageMs: number, budgetMs: number): number =>
  Math.min(Math.max(pageMs, budgetMs / 5), budgetMs);

/** `shown` rows fill the page (there may be more matches after it). */
const fillsPage = (s: SampledListSpec, shown: number) => shown > s.range.end - s.range.start;

/** A page of `shown` rows ends the list: it is short, and not past the end. */
const endsList = (s: SampledListSpec, shown: number) =>
  !fillsPage(s, shown) && (shown > 0 || s.range.start === 0);

/** A total, and whether it is an estimate. */
interface Total {
  total: number;
  estimated: boolean;
}

const withoutHelpers = <Row>(found: (Row & { _value?: number; _k?: unknown })[]) =>
  found.map(({ _value, _k, ...row }) => row as unknown as Row);

/** A node of PostgreSQL's plan (EXPLAIN, FORMAT JSON), as far as a list reads it. */
interface PlanNode {
  'Node Type': string;
  'Plan Rows': number;
  Plans?: PlanNode[];
}

/** The filter's matches, for PostgreSQL to estimate. */
const matchesSql = (s: SampledListSpec): SqlFragment => ({
  sql: `select 1 from ${s.table} ${s.alias} where ${s.where.sql}`,
  params: s.where.params,
});

/** PostgreSQL's plan of a statement, without running it. */
async function plannedRoot(sql: SqlRunner, statement: SqlFragment): Promise<PlanNode> {
  const [row] = await sql<{ 'QUERY PLAN': [{ Plan: PlanNode }] }[]>(
    `explain (format json) ${statement.sql}`,
    statement.params,
  );
  return row['QUERY PLAN'][0].Plan;
}

/** The plan sorts nothing whole: it reads an index in sort order (maybe sorting ties). */
const readsInOrder = (node: PlanNode): boolean =>
  node['Node Type'] !== 'Sort' && (node.Plans ?? []).every(readsInOrder);

/**
 * The total of a page that is not collected: the sample's estimate when it will do, else an
 * exact count, on a sampled table within a time that depends on `pageMs`, what the page took
 * (ListBudgets.count). A count past it leaves the total to the sample's estimate or, from a thin
 * sample, to PostgreSQL's estimate of the filter held within what the sample makes plausible:
 * the sample alone says "none" of a filter it holds no match of.
 */
async function totalOf(
  sql: SqlRunner,
  budgets: ListBudgets,
  s: SampledListSpec,
  plan: ListPlan,
  pageMs: number,
): Promise<Total> {
  if (!plan.exactTotal) return { total: plan.estimated ?? 0, estimated: true };
  const count = s.count ?? {
    sql: `select count(*)::int as total from ${s.table} ${s.alias} where ${s.where.sql}`,
    params: s.where.params,
  };
  // A table too small to sample is counted whatever it takes (it cannot take long).
  const run = plan.estimated === null ? sql : budgets.count(pageMs);
  const counted = await run<{ total: number }[]>(count.sql, count.params);
  if (counted) return { total: counted[0].total, estimated: false };
  if (!plan.plausible) return { total: plan.estimated ?? 0, estimated: true };
  const { low, high } = plan.plausible;
  const root = await plannedRoot(sql, matchesSql(s));
  return { total: Math.round(Math.min(Math.max(root['Plan Rows'], low), high)), estimated: true };
}

/** The walk's rows and how long they took (null: `run`, a BudgetedRunner, gave up). */
async function walkRows<Row>(
  s: SampledListSpec,
  plan: ListPlan,
  run: BudgetedRunner,
): Promise<{ rows: Row[]; ms: number } | null> {
  const page = pageSql(s, plan);
  const started = performance.now();
  const rows = await run<(Row & { _value?: number; _k?: unknown })[]>(page.sql, page.params);
  return rows && { rows: withoutHelpers(rows), ms: performance.now() - started };
}

/**
 * A walked page with its total. A page that ends the list (short, and not past the end) is its
 * own exact total; otherwise the total is counted after the page, in a time that depends on
 * what the page took (ListBudgets.count).
 */
async function countedPage<Row>(
  sql: SqlRunner,
  budgets: ListBudgets,
  s: SampledListSpec,
  plan: ListPlan,
  walked: { rows: Row[]; ms: number },
): Promise<SampledPage<Row>> {
  const { rows } = walked;
  if (endsList(s, rows.length))
    return { rows, total: s.range.start + rows.length, estimated: false };
  const total = await totalOf(sql, budgets, s, plan, walked.ms);
  return { rows, total: total.total, estimated: total.estimated };
}

/**
 * The walk PostgreSQL plans itself, when that plan reads an index in sort order, within the
 * budget (null: it would sort, or it ran out). An index PostgreSQL knows of (a staff member's
 * events by date) may give the order a sample with few matches, or one placed in the whole
 * table's order, could not foresee.
 */
async function guessedWalkPage<Row>(
  sql: SqlRunner,
  budgets: ListBudgets,
  s: SampledListSpec,
  plan: ListPlan,
): Promise<SampledPage<Row> | null> {
  const walk = { ...plan, form: 'walk' as const, walkRows: undefined };
  if (!readsInOrder(await plannedRoot(sql, pageSql(s, walk)))) return null;
  const walked = await walkRows<Row>(s, walk, budgets.guess);
  return walked && countedPage(sql, budgets, s, walk, walked);
}

/**
 * Every match collected and sorted, the page cut from them and counted in one statement. Past
 * its cap (ListPlan.cap) the page is planned from a sample.
 */
async function candidatesPage<Row>(
  sql: SqlRunner,
  budgets: ListBudgets,
  s: SampledListSpec,
  plan: ListPlan,
): Promise<SampledPage<Row>> {
  const page = pageSql(s, { ...plan, form: 'candidates' });
  const found = await sql<(Row & { id: string | null; _total: number })[]>(page.sql, page.params);
  const total = found[0]?._total ?? 0;
  if (plan.cap && total > plan.cap) {
    return planPage(sql, budgets, s, await sampledPlanOf(sql, s));
  }
  const rows = found
    .filter((r) => r.id !== null)
    .map(({ _total, ...row }) => row as unknown as Row);
  if (!plan.bound) return { rows, total, estimated: false };
  // The range holds the page when it holds more matches than the page's end.
  if (total <= s.range.end) return candidatesPage(sql, budgets, s, { ...plan, bound: undefined });
  // The matches within the range are a floor for the estimate.
  return { rows, total: Math.max(plan.estimated ?? 0, total), estimated: true };
}

/**
 * The page by the plan: a guess first; a bounded walk that leaves the page short is followed by
 * the placed plan when it was reckoned from the sample's density, else walked again unbounded.
 */
export async function planPage<Row>(
  sql: SqlRunner,
  budgets: ListBudgets,
  s: SampledListSpec,
  plan: ListPlan,
): Promise<SampledPage<Row>> {
  const guessed = plan.guess ? await guessedWalkPage<Row>(sql, budgets, s, plan) : null;
  if (guessed) return guessed;
  if (plan.form === 'candidates') return candidatesPage<Row>(sql, budgets, s, plan);
  // Walks without a budget (`sql`) always give a page.
  const walked = (await walkRows<Row>(s, plan, sql))!;
  // A bounded walk that leaves the page short may have stopped before the matches did: it is
  // fetched again, and counted then.
  if (plan.walkRows && !fillsPage(s, walked.rows.length)) {
    if (plan.otherwise) return planPage<Row>(sql, budgets, s, plan.otherwise);
    return planPage<Row>(sql, budgets, s, { ...plan, walkRows: undefined, guess: undefined });
  }
  return countedPage(sql, budgets, s, plan, walked);
}

/**
 * An estimated total made to agree with the page: at least the rows it shows and one more when
 * it is full, exactly those when it ends the list (every page fetched here is complete: a short
 * one has no matches after it), at most its start when it is past the end.
 */
export function provenTotal<Row>(s: SampledListSpec, page: SampledPage<Row>): SampledPage<Row> {
  if (!page.estimated) return page;
  const { start } = s.range;
  const shown = start + page.rows.length;
  if (fillsPage(s, page.rows.length)) return { ...page, total: Math.max(page.total, shown + 1) };
  if (endsList(s, page.rows.length)) return { ...page, total: shown, estimated: false };
  return { ...page, total: Math.min(page.total, start) };
}

/**
 * Plans (from a sample, on large tables), fetches and counts one page. Without `budgets` nothing
 * is given up.
 */
export async function sampledList<Row extends { id: string }>(
  sql: SqlRunner,
  s: SampledListSpec,
  budgets: ListBudgets = { count: () => sql, guess: sql },
): Promise<SampledPage<Row>> {
  const plan = await planList(sql, s);
  return provenTotal(s, await planPage<Row>(sql, budgets, s, plan));
}
