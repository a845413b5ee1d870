import {
  choosePlan,
  countBudgetMs,
  pageSql,
  provenTotal,
  type SampledListSpec,
} from '../../server/database/sampled-list';

const spec = (narrowed: boolean, rangeable = narrowed): SampledListSpec => ({
  table: 'client',
  alias: 'c',
  where: { sql: 'c.type = ?', params: ['standard'] },
  sortKey: 'lower(c.last_name)',
  order: 'ASC',
  narrowed,
  rangeable,
  range: { start: 0, end: 24 },
});

/**
 * A million rows sampled down to 10,000; the range's bound where the sample has enough, and
 * the first row within a seek.
 */
const probe = (
  hits: number,
  walk: number | null,
  boundPos: number | null = null,
  seekPos: number | null = null,
) => ({
  tableRows: 1_000_000,
  sampled: 10_000,
  hits,
  walk,
  boundPos,
  boundKey: boundPos === null ? null : 'smith',
  boundId: boundPos === null ? null : '00000000-0000-0000-0000-000000000001',
  seekPos,
});

describe('choosePlan', () => {
  it('walks the sort index while the matches come early in sort order', () => {
    expect(choosePlan(spec(true), probe(5_000, 50))).toMatchObject({ form: 'walk' });
    expect(choosePlan(spec(false), probe(9_000, 30))).toMatchObject({ form: 'walk' });
    // 25,000 matches cost more to collect and sort than walking the 30,000 rows before the
    // page's last one.
    expect(choosePlan(spec(true), probe(250, 300))).toMatchObject({ form: 'walk' });
  });

  it('collects the matches when the walk would pass most of the table first', () => {
    // 5% of the rows, all of them at the end of the sort order.
    expect(choosePlan(spec(true), probe(500, 9_600))).toMatchObject({
      form: 'candidates',
      estimated: 50_000,
    });
    // Without an index to find them, reading the table in sequence still beats the walk.
    expect(choosePlan(spec(false), probe(500, 9_600))).toMatchObject({ form: 'candidates' });
    // No sampled match at all: the walk would read everything.
    expect(choosePlan(spec(true), probe(0, null))).toMatchObject({
      form: 'candidates',
      estimated: 0,
    });
  });

  it('reads a broad match that starts some way into the sort order as a range of the sort index', () => {
    // 5% of the rows, from a third of the way in: a walk would fetch every row before them,
    // candidates every match.
    expect(choosePlan(spec(true), probe(500, 3_300, 3_310))).toEqual({
      form: 'candidates',
      estimated: 50_000,
      exactTotal: false,
      bound: { key: 'smith', id: '00000000-0000-0000-0000-000000000001' },
    });
    // For 2% at the far end the range would read most of the sort index: plain candidates.
    expect(choosePlan(spec(true), probe(200, 9_600, 9_610))).toEqual({
      form: 'candidates',
      estimated: 20_000,
      exactTotal: false,
    });
    // 4.4% from 63% of the way in: reading 630,000 entries of the sort index costs more than
    // collecting 44,000 matches.
    expect(choosePlan(spec(true), probe(440, 6_300, 6_310))).not.toHaveProperty('bound');
    // A short term's range only filters its matches, for less.
    const starts = { ...spec(true), startRanges: true };
    expect(choosePlan(starts, probe(440, 6_300, 6_310))).toHaveProperty('bound');
    // Only for a filter an index finds exactly, an estimated total and one index for the order.
    expect(choosePlan(spec(true, false), probe(500, 3_300, 3_310))).not.toHaveProperty('bound');
    expect(choosePlan(spec(true), probe(90, 3_300, 3_310))).not.toHaveProperty('bound');
    const nullable = { ...spec(true), nullable: 'c.last_name' };
    expect(choosePlan(nullable, probe(500, 3_300, 3_310))).not.toHaveProperty('bound');
    expect(choosePlan(spec(true), probe(500, 3_300))).not.toHaveProperty('bound');
  });

  it("repeats the range's key bound, except for a short term's start ranges", () => {
    const id = '00000000-0000-0000-0000-000000000001';
    const plan = {
      form: 'candidates',
      estimated: 50_000,
      exactTotal: false,
      bound: { key: 'smith', id },
    } as const;
    const page = pageSql(spec(true), plan);
    expect(page.sql).toContain(
      '((lower(c.last_name), c.id) <= (?, ?) and lower(c.last_name) <= ?)',
    );
    expect(page.params).toEqual(['standard', 'smith', id, 'smith', 0, 25]);
    const starts = pageSql({ ...spec(true), startRanges: true }, plan);
    expect(starts.sql).toContain('((lower(c.last_name), c.id) <= (?, ?))');
    expect(starts.params).toEqual(['standard', 'smith', id, 0, 25]);
  });

  it('walks from where a seek starts the sort index', () => {
    // 5% of the rows at the far end of the sort order, all within a date range that starts
    // there: the walk skips the rows before it.
    const seek = { sql: 'c.created_at >= ?', params: ['2024-01-01'] };
    expect(choosePlan({ ...spec(true), seek }, probe(500, 9_600, null, 9_500))).toMatchObject({
      form: 'walk',
      walkRows: 40_400,
    });
    expect(choosePlan(spec(true), probe(500, 9_600))).toMatchObject({ form: 'candidates' });
  });

  it('counts exactly only what an index can count cheaply', () => {
    expect(choosePlan(spec(true), probe(90, 9_000))).toMatchObject({ exactTotal: true });
    expect(choosePlan(spec(true), probe(200, 100))).toMatchObject({ exactTotal: false });
    expect(choosePlan(spec(false), probe(90, 50))).toMatchObject({ exactTotal: false });
  });

  it("guesses PostgreSQL's own walk first when an index gives the matches in order, unless it plans the walk anyway", () => {
    const ordered = { ...spec(true), orderedByIndex: true };
    // Collected, or walked within a bound: PostgreSQL's walk through the index runs first.
    expect(choosePlan(ordered, probe(90, 9_000))).toMatchObject({
      form: 'candidates',
      guess: true,
    });
    expect(choosePlan(ordered, probe(5_000, 50))).toMatchObject({
      form: 'walk',
      walkRows: 20_000,
      guess: true,
    });
    // A walk without a bound is PostgreSQL's own plan already.
    const unbounded = choosePlan(ordered, probe(9_000, 3_000));
    expect(unbounded).toMatchObject({ form: 'walk' });
    expect(unbounded).not.toHaveProperty('walkRows');
    expect(unbounded).not.toHaveProperty('guess');
    // A walk that reads values one after another always sorts what it gathers.
    const byStatus = { ...ordered, sortValues: ['active', 'archived'] };
    expect(choosePlan(byStatus, probe(90, 9_000))).not.toHaveProperty('guess');
    // Without the index the same samples are not guessed at.
    expect(choosePlan(spec(true), probe(90, 9_000))).not.toHaveProperty('guess');
    expect(choosePlan(spec(true), probe(5_000, 50))).not.toHaveProperty('guess');
  });

  it('guesses a walk first, without such an index, only when a thin sample stands for many matches', () => {
    // Ten million rows sampled down to 2,500: four matches stand for 16,000, and the first of
    // them says little about where the page's first 25 are.
    const thin = (hits: number) => ({
      ...probe(hits, 2_000),
      tableRows: 10_000_000,
      sampled: 2_500,
    });
    expect(choosePlan(spec(true), thin(4))).toMatchObject({
      form: 'candidates',
      estimated: 16_000,
      guess: true,
      plausible: { low: 0, high: 44_000 },
    });
    // None sampled: PostgreSQL may still know an index that gives the order.
    expect(choosePlan(spec(true), thin(0))).toMatchObject({ form: 'candidates', guess: true });
    // Eight sampled matches place them well enough, and estimate the total.
    expect(choosePlan(spec(true), thin(8))).not.toHaveProperty('guess');
    expect(choosePlan(spec(true), thin(8))).not.toHaveProperty('plausible');
    // Four in a million stand for 400 matches: collecting those is cheap.
    expect(choosePlan(spec(true), probe(4, 9_000))).not.toHaveProperty('guess');
    // A walk that reads values or parts one after another always sorts what it gathers.
    const byStatus = { ...spec(true), sortValues: ['active', 'archived'] };
    expect(choosePlan(byStatus, thin(4))).not.toHaveProperty('guess');
  });

  it("reckons a page's walk at the sample's density when one sampled match stands for more", () => {
    // Ten million rows sampled down to 2,773: a busy client's 45 sampled events (1.6%), the
    // first at the 75th sampled row. That position stands for 270,000 rows; the page's 25
    // matches come within about 1,540.
    const busy = (walk: number) => ({
      ...probe(45, walk),
      tableRows: 10_000_000,
      sampled: 2_773,
    });
    const page40 = { ...spec(true), range: { start: 975, end: 999 } };
    const collect = { form: 'candidates', estimated: 162_279, exactTotal: false };
    expect(choosePlan(spec(true), busy(75))).toEqual({
      form: 'walk',
      estimated: 162_279,
      exactTotal: false,
      walkRows: 6_163,
      otherwise: collect,
    });
    // Page 40's 1,000 matches come within about 61,600 rows; a wrong guess reads no more than
    // half what collecting would cost.
    expect(choosePlan(page40, busy(75))).toMatchObject({ walkRows: 121_710, otherwise: collect });
    // A placed walk is not guessed at: it stops at the page's last match anyway. Collecting a
    // few thousand matches is guessed at within half its cost, or not when that leaves the
    // guess too short to find the page.
    const fewer = (walk: number, tableRows: number) => ({ ...busy(walk), tableRows });
    expect(choosePlan(spec(true), fewer(20, 1_000_000))).toMatchObject({ form: 'walk' });
    expect(choosePlan(spec(true), fewer(20, 1_000_000))).not.toHaveProperty('otherwise');
    expect(choosePlan(spec(true), fewer(75, 1_000_000))).toMatchObject({
      walkRows: 6_163,
      otherwise: { form: 'candidates' },
    });
    expect(choosePlan(spec(true), fewer(75, 150_000))).not.toHaveProperty('otherwise');
    // A first match later than an even spread would likely put it: the matches start further
    // on, and collecting them beats the walk.
    expect(choosePlan(spec(true), busy(400))).toEqual(collect);
    // Without an index to collect through, the sample's positions alone place the walk.
    expect(choosePlan(spec(false), busy(75))).not.toHaveProperty('otherwise');
    // A page that needs more matches than one sampled match stands for is placed by the sample.
    expect(choosePlan(page40, probe(200, 1_000))).not.toHaveProperty('otherwise');
  });

  it('leaves a small table to PostgreSQL, counted exactly', () => {
    expect(choosePlan(spec(true), { ...probe(5, 9_000), tableRows: 15_000 })).toEqual({
      form: 'walk',
      estimated: null,
      exactTotal: true,
    });
  });
});

describe('provenTotal', () => {
  const page = (rows: number, total: number, estimated = true) => ({
    rows: Array.from({ length: rows }, (_, i) => ({ id: String(i) })),
    total,
    estimated,
  });
  const at = (start: number) => ({ ...spec(true), range: { start, end: start + 24 } });

  it('holds an estimate to what the page shows', () => {
    // A full page: at least one match more is likely, so the list offers the next page.
    expect(provenTotal(at(975), page(25, 0))).toEqual(page(25, 1_001));
    expect(provenTotal(at(975), page(25, 16_000))).toEqual(page(25, 16_000));
    // A short page ends the list: its total is exact.
    expect(provenTotal(at(975), page(10, 16_000))).toEqual(page(10, 985, false));
    expect(provenTotal(at(0), page(0, 3_000))).toEqual(page(0, 0, false));
    // Past the end: no more than the page's start.
    expect(provenTotal(at(975), page(0, 16_000))).toEqual(page(0, 975));
  });

  it('leaves an exact total alone', () => {
    expect(provenTotal(at(0), page(25, 12, false))).toEqual(page(25, 12, false));
  });
});

describe('countBudgetMs', () => {
  it('gives a count as long as its page took, within a fifth of the budget and all of it', () => {
    expect(countBudgetMs(20, 50)).toBe(20);
    expect(countBudgetMs(2, 50)).toBe(10);
    expect(countBudgetMs(400, 50)).toBe(50);
    expect(countBudgetMs(0, 7_000)).toBe(1_400);
  });
});
