import { EntityManager } from '@mikro-orm/postgresql';
import { budgetedRunner, type BudgetedRunner } from '../../server/database/budgeted-runner';
import { pgArray } from '../../server/database/pg-array';
import {
  planPage,
  sampledList,
  type ListBudgets,
  type ListPlan,
  type SampledListSpec,
} from '../../server/database/sampled-list';
import { SampledLists } from '../../server/database/sampled-lists.service';
import { sqlRunner, type SqlRunner } from '../../server/database/sql-runner';
import { auditListSpec } from '../../server/modules/audit/audit-events.service';
import type { AuditFilter } from '../../server/modules/audit/audit-events.schemas';
import { startTestApp, type TestApp } from '../utils/test-app';

const ROWS = 24_000;
const CLIENT = '00000000-0000-0000-0000-000000000007';

/** A statement's first three words, which tell what it is. */
const firstWords = (text: string) => text.trim().split(/\s+/).slice(0, 3).join(' ');

describe('what a list page can do without: an exact count, a guessed walk', () => {
  let t: TestApp;
  let sql: SqlRunner;
  /** Statements a runner was given, by their first words. */
  let ran: string[];
  /** The time each count was given, and how long each guessed walk ran (ms). */
  let countMs: number[];
  let guessMs: number[];

  const recording =
    (runner: BudgetedRunner, label: string): BudgetedRunner =>
    async (text, params) => {
      ran.push(`${label}: ${firstWords(text)}`);
      const started = performance.now();
      try {
        return await runner(text, params);
      } finally {
        if (label === 'guess') guessMs.push(performance.now() - started);
        ran.push(`${label} ended`);
      }
    };
  const giveUp: BudgetedRunner = () => Promise.resolve(null);
  /** Counts and guessed walks, both through `runner`, recorded. */
  const budgets = (runner: BudgetedRunner): ListBudgets => ({
    count: (ms) => {
      countMs.push(ms);
      return recording(runner, 'count');
    },
    guess: recording(runner, 'guess'),
  });

  const spec = (filter: AuditFilter, start = 0): SampledListSpec =>
    auditListSpec({
      filter,
      sort: { field: 'at', order: 'DESC' },
      range: { start, end: start + 24 },
    });
  const expectedIds = async (
    where: string,
    params: unknown[],
    order = 'at desc, id desc',
    start = 0,
  ) =>
    (
      await t.query<{ id: string }>(
        `select id from audit_event where ${where} order by ${order} offset ${start} limit 25`,
        params,
      )
    ).map((r) => r.id);
  const ids = (page: { rows: { id: string }[] }) => page.rows.map((r) => r.id);

  beforeAll(async () => {
    t = await startTestApp();
    sql = sqlRunner(t.app.get(EntityManager).fork());
    await t.query(
      `insert into audit_event (at, actor_type, actor_email, action, target_type, client_ids, summary)
       select now() - make_interval(mins => i), 'staff', 'staff@firm.example',
         (array['client.updated','file.uploaded'])[1 + i % 2], 'client',
         array[('00000000-0000-0000-0000-' || lpad((i % 50)::text, 12, '0'))::uuid],
         'Event ' || i
       from generate_series(1, $1::int) i`,
      [ROWS],
    );
    await t.query('analyze audit_event');
  });
  beforeEach(() => {
    ran = [];
    countMs = [];
    guessMs = [];
  });
  afterAll(() => t.close());

  it('stops a statement past its budget in PostgreSQL and leaves the pooled connections as they were', async () => {
    const em = t.app.get(EntityManager).fork();
    const budgeted = budgetedRunner(em, 50);
    const started = Date.now();
    expect(await budgeted('select pg_sleep(5)')).toBeNull();
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(await budgeted<{ n: number }[]>('select ?::int as n', [7])).toEqual([{ n: 7 }]);
    // Other errors still fail the request.
    await expect(budgeted('select 1 / 0')).rejects.toThrow(/division by zero/);
    // The budgeted statements ran on one of the pool's ten connections; holding all ten at once
    // reads the setting on each, that one included.
    const [{ pid }] = (await budgeted<{ pid: number }[]>('select pg_backend_pid() as pid'))!;
    const settings = await Promise.all(
      Array.from({ length: 10 }, () =>
        sqlRunner(em)<{ pid: number; timeout: string }[]>(
          `select pg_backend_pid() as pid, current_setting('statement_timeout') as timeout,
             pg_sleep(0.3)::text`,
        ),
      ),
    );
    expect(settings.flat().map((s) => s.pid)).toContain(pid);
    expect(settings.flat().map((s) => s.timeout)).not.toContain('50ms');
  });

  it('estimates a total it could not count in time, within what the sample makes plausible', async () => {
    const quiet = spec({ clientId: CLIENT, action: ['file.uploaded'] });
    const plan: ListPlan = {
      form: 'walk',
      estimated: 300,
      exactTotal: true,
      plausible: { low: 1_000, high: 2_000 },
    };
    const page = await planPage<{ id: string }>(sql, budgets(giveUp), quiet, plan);
    expect(ids(page)).toEqual(
      await expectedIds(`client_ids @> array[$1::uuid] and action = 'file.uploaded'`, [CLIENT]),
    );
    // PostgreSQL estimates at most the client's 480 events; the sample allows 1,000 at least.
    expect(page).toMatchObject({ total: 1_000, estimated: true });
    expect(ran).toEqual(['count: select count(*)::int as', 'count ended']);

    // From a sample that holds enough matches, its own estimate stands.
    const sampled = await planPage(sql, budgets(giveUp), quiet, { ...plan, plausible: undefined });
    expect(sampled).toMatchObject({ total: 300, estimated: true });

    // Counted in time, the total is exact: every event of the client (one in fifty, the odd
    // ones) is an upload.
    const counted = await planPage(sql, budgets(sql), quiet, plan);
    expect(counted).toMatchObject({ total: ROWS / 50, estimated: false });
  });

  it('tries the walk PostgreSQL plans in sort order first when the sample is too thin, and collects the matches when it runs out', async () => {
    // Half the trail: PostgreSQL walks the date index.
    const uploads = spec({ action: ['file.uploaded'] }, 100);
    const plan: ListPlan = { form: 'candidates', estimated: 500, exactTotal: true, guess: true };
    const expected = await expectedIds(`action = 'file.uploaded'`, [], 'at desc, id desc', 100);

    const walked = await planPage<{ id: string }>(sql, budgets(sql), uploads, plan);
    expect(ids(walked)).toEqual(expected);
    expect(walked).toMatchObject({ total: ROWS / 2, estimated: false });
    // The count starts once the walk has ended, and is told how long the walk took.
    expect(ran).toEqual([
      'guess: select e.* from',
      'guess ended',
      'count: select count(*)::int as',
      'count ended',
    ]);
    expect(countMs).toHaveLength(1);
    expect(countMs[0]).toBeGreaterThanOrEqual(guessMs[0]);

    ran = [];
    const collected = await planPage<{ id: string }>(sql, budgets(giveUp), uploads, plan);
    expect(ids(collected)).toEqual(expected);
    // A walk given up is not counted: the candidates count their matches themselves.
    expect(collected).toMatchObject({ total: ROWS / 2, estimated: false });
    expect(ran).toEqual(['guess: select e.* from', 'guess ended']);
  });

  it('walks again without its bound when a bounded walk leaves the page short', async () => {
    // 300 rows in date order hold 150 uploads; page 40 needs 1,000.
    const uploads = spec({ action: ['file.uploaded'] }, 975);
    const plan: ListPlan = { form: 'walk', estimated: ROWS / 2, exactTotal: false, walkRows: 300 };
    const page = await planPage<{ id: string }>(sql, budgets(sql), uploads, plan);
    expect(ids(page)).toEqual(
      await expectedIds(`action = 'file.uploaded'`, [], 'at desc, id desc', 975),
    );
    expect(page).toMatchObject({ total: ROWS / 2, estimated: true });
  });

  it("fetches the page by the sample's placed plan when a walk reckoned from the density leaves it short", async () => {
    const uploads = spec({ action: ['file.uploaded'] }, 975);
    const collect: ListPlan = { form: 'candidates', estimated: ROWS / 2, exactTotal: false };
    const plan: ListPlan = { ...collect, form: 'walk', walkRows: 300, otherwise: collect };
    const page = await planPage<{ id: string }>(sql, budgets(sql), uploads, plan);
    expect(ids(page)).toEqual(
      await expectedIds(`action = 'file.uploaded'`, [], 'at desc, id desc', 975),
    );
    // Collected, so counted exactly.
    expect(page).toMatchObject({ total: ROWS / 2, estimated: false });
  });

  it('collects at once when PostgreSQL would sort the matches itself', async () => {
    // No index orders the trail by summary: the walk's own plan is a sort.
    const bySummary = { ...spec({ clientId: CLIENT }), sortKey: 'e.summary' };
    const plan: ListPlan = { form: 'candidates', estimated: 500, exactTotal: true, guess: true };
    const page = await planPage<{ id: string }>(sql, budgets(sql), bySummary, plan);
    expect(ids(page)).toEqual(
      await expectedIds('client_ids @> array[$1::uuid]', [CLIENT], 'summary desc, id desc'),
    );
    expect(ran).toEqual([]);
  });

  it('collects the matches PostgreSQL expects to be few at once, and plans from a sample when they are more', async () => {
    const statements: string[] = [];
    const recorded: SqlRunner = (text, params) => {
      statements.push(firstWords(text));
      return sql(text, params);
    };
    // 25 events by id: PostgreSQL expects exactly those.
    const some = await expectedIds('true', [], 'at desc, id desc', 100);
    const few: SampledListSpec = {
      ...spec({}),
      where: { sql: 'e.id = any(?::uuid[])', params: [pgArray(some)] },
      narrowed: true,
    };
    const page = await sampledList<{ id: string }>(recorded, few, budgets(sql));
    expect(ids(page)).toEqual(some);
    expect(page).toMatchObject({ total: 25, estimated: false });
    // No sample: the table's rows, PostgreSQL's estimate, the matches.
    expect(statements).toEqual(['select (case when', 'explain (format json)', 'with m as']);

    // PostgreSQL misjudging the client's 480 uploads as one: the collection stops at its cap,
    // and the page is planned from a sample.
    statements.length = 0;
    const uploads = spec({ clientId: CLIENT, action: ['file.uploaded'] });
    const misjudged: ListPlan = { form: 'candidates', estimated: 1, exactTotal: true, cap: 10 };
    const capped = await planPage<{ id: string }>(recorded, budgets(sql), uploads, misjudged);
    expect(ids(capped)).toEqual(
      await expectedIds(`client_ids @> array[$1::uuid] and action = 'file.uploaded'`, [CLIENT]),
    );
    expect(capped).toMatchObject({ total: ROWS / 50, estimated: false });
    expect(statements.slice(0, 3)).toEqual(['with m as', 'select (case when', 'with s as']);
  });

  it("gives the API's lists the configured budget", async () => {
    const lists = t.app.get(SampledLists);
    // The last 5,000 events: few enough to count exactly, walked from the range's start.
    const from = new Date(Date.now() - 5_000 * 60_000).toISOString();
    const slowCount = {
      ...spec({ from }),
      count: {
        sql: `select count(*)::int as total from audit_event e, pg_sleep(2) where at >= ?::timestamptz`,
        params: [from],
      },
    };
    const page = await lists.page<{ id: string }>(slowCount);
    expect(page.estimated).toBe(true);
    expect(page.total).toBeGreaterThan(25);
    expect(ids(page)).toEqual(await expectedIds('at >= $1::timestamptz', [from]));
    expect(t.config.LIST_BUDGET_MS).toBe(50);
  });
});
