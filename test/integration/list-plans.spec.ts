import { EntityManager } from '@mikro-orm/postgresql';
import type { Agent } from 'supertest';
import {
  pageSql,
  probeSql,
  tableRowsSql,
  type ListPlan,
  type SampledListSpec,
} from '../../server/database/sampled-list';
import { clientListSpec } from '../../server/modules/clients/client-list.repository';
import type { ClientFilter, ClientSortField } from '../../server/modules/clients/clients.schemas';
import { contactListSpec } from '../../server/modules/contacts/contact-list.repository';
import { numbered, planOf as planOfSpec } from '../utils/list-plan';
import { startTestApp, type TestApp } from '../utils/test-app';

const CLIENTS = 30_000;
const SMITHS = 2_970;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  Plans?: PlanNode[];
}

/** Every node of an EXPLAIN (FORMAT JSON) plan. */
const planNodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(planNodes)];

describe('list plans on tables where the search term correlates with the sort', () => {
  let t: TestApp;
  let admin: Agent;
  let tagId: string;

  const query = (q: string, order: 'ASC' | 'DESC', start = 0) => ({
    filter: { q, tagMode: 'any' } as ClientFilter,
    sort: { field: 'lastName' as ClientSortField, order },
    range: { start, end: start + 24 },
  });

  const contactQuery = (q: string, order: 'ASC' | 'DESC') => ({
    filter: { q },
    sort: { field: 'email' as const, order },
    range: { start: 0, end: 24 },
  });

  const planOf = (q: ReturnType<typeof query> | SampledListSpec): Promise<ListPlan> =>
    planOfSpec(t, 'table' in q ? q : clientListSpec(q));

  /** The plan PostgreSQL runs for a query form, as its JSON EXPLAIN text. */
  const explain = async (q: ReturnType<typeof query> | SampledListSpec, plan: ListPlan) => {
    const page = pageSql('table' in q ? q : clientListSpec(q), plan);
    const [row] = await t.query<{ 'QUERY PLAN': unknown }>(
      `explain (format json) ${numbered(page.sql)}`,
      page.params,
    );
    return JSON.stringify(row['QUERY PLAN']);
  };

  const list = (
    q: string,
    order: 'ASC' | 'DESC',
    range: [number, number],
    [resource, field] = ['clients', 'lastName'],
  ) =>
    admin
      .get(`/api/${resource}`)
      .query({
        filter: JSON.stringify({ q }),
        sort: JSON.stringify([field, order]),
        range: JSON.stringify(range),
      })
      .expect(200);

  beforeAll(async () => {
    // Exact totals here are counted whatever it takes: a count that a loaded machine slows past
    // the default LIST_BUDGET_MS would be estimated (list-budget.spec tests that).
    t = await startTestApp({ LIST_BUDGET_MS: '7000' });
    admin = await t.signIn();
    // Everyone is an Ann; one in ten is a Smith and one in a thousand a Zuse, all of them last
    // in last-name order.
    await t.query(
      `insert into client (id, first_name, last_name, display_name)
       select gen_random_uuid(), 'Ann', l, 'Ann ' || l
       from (select case when i % 1000 = 0 then 'Zuse' when i % 10 = 0 then 'Smith' else 'A' || lpad(i::text, 6, '0') end as l
             from generate_series(1, $1) i) n`,
      [CLIENTS],
    );
    // Their contacts, whose emails start with the last name.
    await t.query(
      `insert into contact (id, email, first_name, last_name)
       select gen_random_uuid(), lower(last_name) || '.' || id || '@example.com', first_name, last_name
       from client`,
    );
    await t.query(
      `insert into client_contact (client_id, contact_id, is_primary)
       select c.id, ct.id, true from client c
       join contact ct on ct.email = lower(c.last_name) || '.' || c.id || '@example.com'`,
    );
    // A tag on a third of them.
    const { body: tag } = await admin.post('/api/tags').send({ name: 'Payroll', color: 'blue' });
    tagId = tag.id;
    await t.query(
      `insert into client_tag (client_id, tag_id)
       select id, $1 from client where hashtext(id::text) % 3 = 0`,
      [tagId],
    );
    // Vacuumed too, as autovacuum would have: the tag arrays' update put 10,000 entries in the
    // trigram index's pending list, which PostgreSQL prices into reading the index until a
    // vacuum flushes it, so whether autovacuum had come decided the rare term's plan.
    await t.query('vacuum analyze client, contact, client_contact, client_tag');
  });
  afterAll(() => t.close());

  it('collects the matches of a clustered term and sorts those, never walking the sort index', async () => {
    for (const term of ['smi', 'zus']) {
      const q = query(term, 'ASC');
      const plan = await planOf(q);
      expect(plan).toMatchObject({ form: 'candidates', exactTotal: true });
      const chosen = await explain(q, plan);
      expect(chosen).toContain('"CTE Name":"m"');
      expect(chosen).not.toContain('client_last_name_idx');
    }
    // The risk is real here: for the plain form PostgreSQL walks the sort index, expecting the
    // Smiths spread evenly.
    const smi = query('smi', 'ASC');
    expect(await explain(smi, { ...(await planOf(smi)), form: 'walk' })).toContain(
      'client_last_name_idx',
    );
    // A rare term's candidates come from the trigram index.
    const rare = query('zus', 'ASC');
    expect(await explain(rare, await planOf(rare))).toContain('client_search_trgm_idx');
  });

  it('finds the rare matches of a two-letter term through the start fields, never reading the table', async () => {
    const q = query('zu', 'ASC');
    const plan = await planOf(q);
    expect(plan).toMatchObject({ form: 'candidates', exactTotal: true });
    const chosen = await explain(q, plan);
    expect(chosen).toContain('client_last_name_idx');
    expect(chosen).not.toContain('Seq Scan');
    const res = await list('zu', 'DESC', [0, 24]);
    expect(res.headers['content-range']).toBe(`clients 0-24/${CLIENTS / 1000}`);
    expect(res.body.map((c: { id: string }) => c.id)).toEqual(
      (
        await t.query<{ id: string }>(
          `select id from client where last_name like 'Zu%' order by lower(last_name) desc, id desc limit 25`,
        )
      ).map((r) => r.id),
    );
  });

  it('walks the sort index when the sample shows the matches come first', async () => {
    expect(await planOf(query('smi', 'DESC'))).toMatchObject({ form: 'walk' });
    const dense = query('ann', 'ASC');
    const plan = await planOf(dense);
    expect(plan).toMatchObject({ form: 'walk', exactTotal: false });
    expect(await explain(dense, plan)).toContain('client_last_name_idx');
  });

  it('returns the same pages and an exact total either way', async () => {
    const expected = async (order: 'ASC' | 'DESC', offset: number) =>
      (
        await t.query<{ id: string }>(
          `select id from client where last_name = 'Smith'
           order by lower(last_name) ${order}, id ${order} offset $1 limit 25`,
          [offset],
        )
      ).map((r) => r.id);
    for (const order of ['ASC', 'DESC'] as const) {
      for (const start of [0, 975]) {
        const res = await list('smi', order, [start, start + 24]);
        expect(res.body.map((c: { id: string }) => c.id)).toEqual(await expected(order, start));
        expect(res.headers['content-range']).toBe(`clients ${start}-${start + 24}/${SMITHS}`);
        expect(res.headers['x-total-estimated']).toBeUndefined();
      }
    }
    const past = await list('smi', 'ASC', [SMITHS, SMITHS + 24]);
    expect(past.body).toEqual([]);
    expect(past.headers['content-range']).toBe(`clients ${SMITHS}-${SMITHS}/${SMITHS}`);
  });

  it('estimates the total of a broad match and says so', async () => {
    const res = await list('ann', 'ASC', [0, 24]);
    expect(res.body).toHaveLength(25);
    expect(res.headers['x-total-estimated']).toBe('true');
    const total = Number(res.headers['content-range'].split('/')[1]);
    expect(Math.abs(total - CLIENTS)).toBeLessThan(CLIENTS * 0.1);
  });

  it('plans the contact list the same way', async () => {
    const clustered = contactListSpec(contactQuery('smi', 'ASC'));
    const plan = await planOf(clustered);
    expect(plan).toMatchObject({ form: 'candidates', exactTotal: true });
    expect(await explain(clustered, plan)).not.toContain('contact_email_unique');
    expect(await explain(clustered, { ...plan, form: 'walk' })).toContain('contact_email_unique');
    const early = contactListSpec(contactQuery('smi', 'DESC'));
    const walk = await planOf(early);
    expect(walk).toMatchObject({ form: 'walk' });
    expect(await explain(early, walk)).toContain('contact_email_unique');

    const smiths = await list('smi', 'ASC', [0, 24], ['contacts', 'email']);
    expect(smiths.body.map((c: { email: string }) => c.email)).toEqual(
      (
        await t.query<{ email: string }>(
          `select email from contact where last_name = 'Smith' order by lower(email), id limit 25`,
        )
      ).map((r) => r.email),
    );
    expect(smiths.headers['content-range']).toBe(`contacts 0-24/${SMITHS}`);
    const everyone = await list('ann', 'ASC', [0, 24], ['contacts', 'email']);
    expect(everyone.headers['x-total-estimated']).toBe('true');
  });

  it('finds contacts by the start of their name or email through those indexes', async () => {
    const rare = contactListSpec(contactQuery('zu', 'ASC'));
    const plan = await planOf(rare);
    expect(plan).toMatchObject({ form: 'candidates', exactTotal: true });
    expect(await explain(rare, plan)).not.toContain('Seq Scan');
    const zuses = await list('zu', 'ASC', [0, 24], ['contacts', 'email']);
    expect(zuses.headers['content-range']).toBe(`contacts 0-24/${CLIENTS / 1000}`);
    const anns = await list('an', 'ASC', [0, 24], ['contacts', 'displayName']);
    expect(anns.body).toHaveLength(25);
    expect(anns.body.every((c: { firstName: string }) => c.firstName === 'Ann')).toBe(true);
  });

  it('reads a broad match that starts some way into the sort order as a range of the sort index', async () => {
    // 12,000 Quuxes, who sort after the 27,000 A-names and before the Smiths.
    await t.query(
      `insert into client (id, first_name, last_name, display_name)
       select gen_random_uuid(), 'Ann', 'Quux', 'Ann Quux' from generate_series(1, 12000)`,
    );
    await t.query('analyze client');
    try {
      for (const start of [0, 975]) {
        const spec = clientListSpec(query('quu', 'ASC', start));
        const plan = await planOf(spec);
        expect(plan).toMatchObject({ form: 'candidates', exactTotal: false });
        expect(plan.bound).toBeDefined();
        // Only the matches up to the bound are collected. Whether PostgreSQL reads the range
        // from the sort index and intersects it with the term's index depends on how much of the
        // table the range holds: here most of it, so it does not; at a million rows, where the
        // key's bound is repeated for it, it does (npm run bench:list).
        const shape = await explain(spec, plan);
        expect(shape).toContain('ROW(lower(last_name), id) <= ROW(');
        expect(shape).toContain("(lower(last_name) <= 'quux'::text)");
        const page = await list('quu', 'ASC', [start, start + 24]);
        expect(page.body.map((c: { id: string }) => c.id)).toEqual(
          (
            await t.query<{ id: string }>(
              `select id from client where last_name = 'Quux'
               order by lower(last_name), id offset $1 limit 25`,
              [start],
            )
          ).map((r) => r.id),
        );
        expect(page.headers['x-total-estimated']).toBe('true');
      }
      // A term with a separator, or another filter, is never read as a range: their indexes
      // hand over far more rows than match.
      expect(clientListSpec(query('TX-00', 'ASC')).rangeable).toBe(false);
      // A short term is ranges of its start fields' indexes, whose range the key's bound
      // repeated would have PostgreSQL read alone.
      expect(clientListSpec(query('qu', 'ASC')).startRanges).toBe(true);
      expect(clientListSpec(query('quu', 'ASC')).startRanges).toBe(false);
      const tagged = {
        ...query('quu', 'ASC'),
        filter: { q: 'quu', tagIds: [tagId], tagMode: 'any' as const },
      };
      expect(clientListSpec(tagged).rangeable).toBe(false);
    } finally {
      await t.query(`delete from client where last_name = 'Quux'`);
      await t.query('analyze client');
    }
  });

  it('walks a status sort value by value instead of sorting the table', async () => {
    const range = { start: 975, end: 999 };
    for (const order of ['ASC', 'DESC'] as const) {
      const spec = clientListSpec({
        filter: { tagMode: 'any' } as ClientFilter,
        sort: { field: 'portalStatus', order },
        range,
      });
      const plan = await explain(spec, { form: 'walk', estimated: null, exactTotal: false });
      expect(plan).not.toContain('Seq Scan');
      expect(plan).toContain('client_pkey');
      // Contacts not invited yet are walked in id order, the others through their status index.
      const contacts = contactListSpec({
        filter: {},
        sort: { field: 'portalStatus', order },
        range,
      });
      const contactPlan = await explain(contacts, {
        form: 'walk',
        estimated: null,
        exactTotal: false,
      });
      expect(contactPlan).not.toContain('Seq Scan');
      expect(contactPlan).toContain('contact_pkey');
      expect(contactPlan).toContain('contact_portal_status_idx');
    }
  });

  it('finds the contacts of a status no one has through its index, never reading the table', async () => {
    const spec = contactListSpec({
      filter: { portalStatus: ['revoked'] },
      sort: { field: 'email', order: 'DESC' },
      range: { start: 0, end: 24 },
    });
    const plan = await planOf(spec);
    expect(plan).toMatchObject({ form: 'candidates', estimated: 0, exactTotal: true });
    const shape = await explain(spec, plan);
    expect(shape).toContain('contact_portal_status_idx');
    expect(shape).not.toContain('Seq Scan');
  });

  it('reads the name sorts and contacts by date added from an index, both ways, never the table', async () => {
    type Node = {
      'Node Type': string;
      'Index Name'?: string;
      'Actual Loops': number;
      Plans?: Node[];
    };
    const nodes = (n: Node): Node[] => [n, ...(n.Plans ?? []).flatMap(nodes)];
    const range = { start: 975, end: 999 };
    const cases: [SampledListSpec, string][] = [];
    for (const order of ['ASC', 'DESC'] as const) {
      for (const field of ['firstName', 'companyName'] as const) {
        const filter = { tagMode: 'any' } as ClientFilter;
        cases.push([
          clientListSpec({ filter, sort: { field, order }, range }),
          `client_${field === 'firstName' ? 'first' : 'company'}_name_idx`,
        ]);
      }
      for (const [field, index] of [
        ['firstName', 'contact_first_name_idx'],
        ['lastName', 'contact_last_name_idx'],
        ['createdAt', 'contact_created_at_idx'],
      ] as const) {
        cases.push([contactListSpec({ filter: {}, sort: { field, order }, range }), index]);
      }
    }
    for (const [spec, index] of cases) {
      const page = pageSql(spec, { form: 'walk', estimated: null, exactTotal: false });
      const [row] = await t.query<{ 'QUERY PLAN': [{ Plan: Node }] }>(
        `explain (analyze, format json) ${numbered(page.sql)}`,
        page.params,
      );
      const ran = nodes(row['QUERY PLAN'][0].Plan).filter((n) => n['Actual Loops'] > 0);
      // Every client has a first name and no company, every contact both names: the part
      // without the key is read only when the keyed part cannot fill the page.
      expect({
        sort: `${spec.sortKey} ${spec.order}`,
        index: ran.some((n) => n['Index Name'] === index),
        seqScan: ran.some((n) => n['Node Type'] === 'Seq Scan'),
      }).toEqual({ sort: `${spec.sortKey} ${spec.order}`, index: true, seqScan: false });
    }
  });

  it('merges contacts changed since they were added with the others, by last update, both ways', async () => {
    // Half the contacts changed at times unrelated to their id; the others keep the insert's
    // single timestamp, so ties are broken by id across both parts.
    await t.query(
      `update contact set updated_at = created_at + (abs(hashtext(id::text)) % 86400) * interval '1 second'
       where hashtext(id::text) % 2 = 0`,
    );
    await t.query('analyze contact');
    for (const order of ['ASC', 'DESC'] as const) {
      const range = { start: 975, end: 999 };
      const spec = contactListSpec({ filter: {}, sort: { field: 'updatedAt', order }, range });
      const page = pageSql(spec, { form: 'walk', estimated: null, exactTotal: false });
      const [row] = await t.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        `explain (analyze, format json) ${numbered(page.sql)}`,
        page.params,
      );
      const ran = planNodes(row['QUERY PLAN'][0].Plan).filter((n) => n['Actual Loops'] > 0);
      expect(ran.map((n) => n['Index Name']).filter(Boolean)).toEqual(
        expect.arrayContaining(['contact_updated_at_idx', 'contact_created_at_idx']),
      );
      expect(ran.some((n) => n['Node Type'] === 'Seq Scan')).toBe(false);
      for (const q of [undefined, 'smith']) {
        const res = await admin
          .get('/api/contacts')
          .query({
            filter: JSON.stringify(q ? { q } : {}),
            sort: JSON.stringify(['updatedAt', order]),
            range: JSON.stringify([975, 999]),
          })
          .expect(200);
        const expected = await t.query<{ id: string }>(
          `select id from contact where $1::text is null or last_name = 'Smith'
           order by updated_at ${order}, id ${order} offset 975 limit 25`,
          [q ?? null],
        );
        expect(res.body.map((c: { id: string }) => c.id)).toEqual(expected.map((r) => r.id));
        expect(res.body[0]).not.toHaveProperty('_k');
      }
    }
  });

  it('bounds a walk so PostgreSQL cannot turn it into collecting every match', async () => {
    const tagged = contactListSpec({
      filter: { tagIds: [tagId] },
      sort: { field: 'displayName', order: 'ASC' },
      range: { start: 975, end: 999 },
    });
    const plan = await planOf(tagged);
    expect(plan).toMatchObject({ form: 'walk' });
    expect(plan.walkRows).toBeGreaterThan(1000);
    expect(plan.walkRows).toBeLessThan(CLIENTS);
    const chosen = await explain(tagged, plan);
    expect(chosen).toContain('contact_display_name_idx');
    expect(chosen).toContain('"Node Type":"Limit"');
    // Each contact's tags are looked up as the walk reaches it, never collected all at once.
    expect(chosen).toContain('"Filter":"(SubPlan 1)"');
    expect(chosen).not.toContain('HashAggregate');
    const page = await admin
      .get('/api/contacts')
      .query({
        filter: JSON.stringify({ tagIds: [tagId] }),
        sort: JSON.stringify(['displayName', 'ASC']),
        range: JSON.stringify([975, 999]),
      })
      .expect(200);
    expect(page.body.map((c: { id: string }) => c.id)).toEqual(
      (
        await t.query<{ id: string }>(
          `select ct.id from contact ct
           where ct.id in (select cc.contact_id from client_contact cc
             join client_tag x on x.client_id = cc.client_id where x.tag_id = $1)
           order by lower(coalesce(nullif(trim(coalesce(ct.first_name,'') || ' ' || coalesce(ct.last_name,'')), ''), ct.email)), ct.id
           offset 975 limit 25`,
          [tagId],
        )
      ).map((r) => r.id),
    );
    expect(page.body[0]).not.toHaveProperty('_k');
  });

  it("plans the API's reads for data in memory, with room for a large bitmap", async () => {
    const em = t.app.get(EntityManager);
    const [setting] = await em.getConnection().execute('show random_page_cost');
    expect(setting.random_page_cost).toBe('1.1');
    const [server] = await t.query<{ random_page_cost: string }>('show random_page_cost');
    expect(server.random_page_cost).toBe('4');
    // Room for a bitmap of every page of a ten-million-event trail, so it never goes lossy.
    const [memory] = await em.getConnection().execute('show work_mem');
    expect(memory.work_mem).toBe('32MB');
    const [serverMemory] = await t.query<{ work_mem: string }>('show work_mem');
    expect(serverMemory.work_mem).toBe('4MB');
  });

  it('counts the rows of a table imported a moment ago, before it is analysed', async () => {
    await t.query('create table just_imported (id uuid primary key)');
    try {
      await t.query(
        'insert into just_imported select gen_random_uuid() from generate_series(1, $1::int)',
        [CLIENTS],
      );
      const [{ reltuples }] = await t.query<{ reltuples: number }>(
        `select reltuples from pg_class where oid = 'just_imported'::regclass`,
      );
      expect(reltuples).toBe(-1);
      // The statistics collector hears of the rows within a second or so.
      let rows = 0;
      for (let i = 0; i < 50 && rows < CLIENTS; i++) {
        [{ rows }] = await t.query<{ rows: number }>(tableRowsSql('just_imported'));
        if (rows < CLIENTS) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(rows).toBe(CLIENTS);
    } finally {
      await t.query('drop table just_imported');
    }
  });

  it('reckons the rows from the pages a table has now, not from counters that may be off', async () => {
    await t.query('create table grown (id uuid primary key, filler text)');
    try {
      const add = (n: number) =>
        t.query(
          `insert into grown select gen_random_uuid(), repeat('x', 100) from generate_series(1, $1::int)`,
          [n],
        );
      await add(2_000);
      await t.query('analyze grown');
      await add(18_000);
      // The live-row counter can be off (an analysis racing an insert's report doubles it);
      // here it reads none at all.
      await t.query(`select pg_stat_reset_single_table_counters('grown'::regclass)`);
      const [{ rows }] = await t.query<{ rows: number }>(tableRowsSql('grown'));
      expect(rows).toBeGreaterThan(19_000);
      expect(rows).toBeLessThan(21_000);
    } finally {
      await t.query('drop table grown');
    }
  });

  it('checks tags on the client row, and intersects several in client_tag_ids_idx', async () => {
    const tagged = (filter: Partial<ClientFilter>) =>
      clientListSpec({ ...query('', 'ASC'), filter: { tagMode: 'any', ...filter } });
    const [{ rows }] = await t.query<{ rows: number }>(tableRowsSql('client'));
    for (const spec of [
      tagged({ tagIds: [tagId] }),
      tagged({ tagIds: [tagId, tagId], tagMode: 'all' }),
      tagged({ excludeTagIds: [tagId] }),
    ]) {
      const probe = probeSql(spec, rows);
      const [row] = await t.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        `explain (analyze, format json) ${numbered(probe.sql)}`,
        probe.params,
      );
      // The sample reads the clients it samples and nothing else: no join, no client_tag.
      const nodes = planNodes(row['QUERY PLAN'][0].Plan);
      expect(nodes.map((n) => n['Node Type'])).not.toContainEqual(
        expect.stringMatching(/Nested Loop|Join/),
      );
      expect(nodes.filter((n) => n['Relation Name'] === 'client_tag')).toEqual([]);
    }
    expect(await planOf(tagged({ tagIds: [tagId] }))).toMatchObject({ form: 'walk' });

    // A second tag on a fifth of the clients: both together are one condition on the row.
    const { body: vip } = await admin.post('/api/tags').send({ name: 'VIP', color: 'red' });
    await t.query(
      `insert into client_tag (client_id, tag_id) select id, $1 from client where hashtext(id::text) % 5 = 0`,
      [vip.id],
    );
    try {
      await t.query('analyze client');
      const both = tagged({ tagIds: [tagId, vip.id], tagMode: 'all' });
      const shape = await explain(both, { form: 'candidates', estimated: 0, exactTotal: true });
      // At 30,000 clients PostgreSQL reads the table for it; at a million, client_tag_ids_idx.
      expect(shape).toContain('tag_ids @> ');
      expect(shape).not.toContain('"Relation Name":"client_tag"');
      const page = await admin
        .get('/api/clients')
        .query({
          filter: JSON.stringify({ tagIds: [tagId, vip.id], tagMode: 'all' }),
          sort: JSON.stringify(['lastName', 'ASC']),
          range: JSON.stringify([0, 24]),
        })
        .expect(200);
      const expected = await t.query<{ id: string; total: number }>(
        `select c.id, count(*) over ()::int as total from client c
         where c.id in (select client_id from client_tag where tag_id = $1)
           and c.id in (select client_id from client_tag where tag_id = $2)
         order by lower(c.last_name), c.id limit 25`,
        [tagId, vip.id],
      );
      expect(page.body.map((c: { id: string }) => c.id)).toEqual(expected.map((r) => r.id));
      expect(page.headers['content-range']).toMatch(new RegExp(`/${expected[0].total}$`));
    } finally {
      await t.query('delete from client_tag where tag_id = $1', [vip.id]);
      await t.query('analyze client');
    }
  });
});
