import { choosePlan, type SampledListSpec } from '../../server/database/sampled-list';

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
    // Only for a filter an index finds exactly, an estimated total and one index for the order.
    expect(choosePlan(spec(true, false), probe(500, 3_300, 3_310))).not.toHaveProperty('bound');
    expect(choosePlan(spec(true), probe(90, 3_300, 3_310))).not.toHaveProperty('bound');
    const nullable = { ...spec(true), nullable: 'c.last_name' };
    expect(choosePlan(nullable, probe(500, 3_300, 3_310))).not.toHaveProperty('bound');
    expect(choosePlan(spec(true), probe(500, 3_300))).not.toHaveProperty('bound');
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

  it('leaves a small table to PostgreSQL, counted exactly', () => {
    expect(choosePlan(spec(true), { ...probe(5, 9_000), tableRows: 15_000 })).toEqual({
      form: 'walk',
      estimated: null,
      exactTotal: true,
    });
  });
});
