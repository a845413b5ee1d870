import type { Agent } from 'supertest';
import { startTestApp, type TestApp } from '../utils/test-app';

const list = (agent: Agent, params: Record<string, unknown>) =>
  agent
    .get('/api/clients')
    .query(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, JSON.stringify(v)])));

const names = (body: { displayName: string }[]) => body.map((c) => c.displayName);

describe('clients API', () => {
  let t: TestApp;
  let admin: Agent;
  const tag: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn();
    for (const [name, color] of [
      ['VIP', 'red'],
      ['1040', 'blue'],
      ['Business', 'green'],
    ]) {
      tag[name] = (await admin.post('/api/tags').send({ name, color }).expect(201)).body.id;
    }
    const clients = [
      {
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: 'ADA@example.com',
        taxClientId: 'T-100',
        tagIds: [tag.VIP, tag['1040']],
      },
      {
        firstName: 'Alan',
        lastName: 'Turing',
        email: 'alan@example.com',
        taxClientId: 'T-200',
        tagIds: [tag['1040']],
      },
      {
        companyName: 'Babbage & Sons Ltd',
        email: 'office@babbage.test',
        taxClientId: 'T-300',
        tagIds: [tag.Business, tag.VIP],
      },
      { type: 'offline', firstName: 'Grace', lastName: 'Hopper', taxClientId: 'T-100' },
      { firstName: 'Edsger', lastName: 'Dijkstra', phone: '+31 20 555 0100' },
    ];
    for (const c of clients) await admin.post('/api/clients').send(c).expect(201);
  });
  afterAll(() => t.close());

  it('creates a client with derived fields and expanded tags', async () => {
    const res = await list(admin, { filter: { q: 'lovelace' } }).expect(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({
      type: 'standard',
      displayName: 'Ada Lovelace',
      email: 'ada@example.com',
      connectionStatus: 'not_connected',
      portalStatus: 'not_invited',
      companyName: null,
    });
    expect(res.body[0].tags.map((t: { name: string }) => t.name)).toEqual(['1040', 'VIP']);
    expect([...res.body[0].tagIds].sort()).toEqual([tag.VIP, tag['1040']].sort());
  });

  it('pages and sorts with Content-Range', async () => {
    const page = await list(admin, { sort: ['displayName', 'DESC'], range: [1, 2] }).expect(200);
    expect(page.headers['content-range']).toBe('clients 1-2/5');
    expect(names(page.body)).toEqual(['Edsger Dijkstra', 'Babbage & Sons Ltd']);
    const past = await list(admin, { range: [10, 19] }).expect(200);
    expect(past.body).toEqual([]);
    expect(past.headers['content-range']).toBe('clients 10-10/5');
  });

  it('sorts by type and status as PostgreSQL orders them, ties by id', async () => {
    for (const [field, column] of [
      ['type', 'type'],
      ['connectionStatus', 'connection_status'],
      ['portalStatus', 'portal_status'],
    ]) {
      for (const order of ['ASC', 'DESC']) {
        const page = await list(admin, { sort: [field, order], range: [1, 3] }).expect(200);
        const expected = await t.query<{ id: string }>(
          `select id from client order by ${column} ${order}, id ${order} offset 1 limit 3`,
        );
        expect(page.body.map((c: { id: string }) => c.id)).toEqual(expected.map((r) => r.id));
        expect(page.headers['content-range']).toBe('clients 1-3/5');
        expect(page.body[0]).not.toHaveProperty('_value');
      }
    }
  });

  it('sorts by first or company name with the clients that have none last, either way', async () => {
    for (const [field, column] of [
      ['firstName', 'first_name'],
      ['companyName', 'company_name'],
    ]) {
      for (const order of ['ASC', 'DESC']) {
        const page = await list(admin, { sort: [field, order], range: [0, 4] }).expect(200);
        const expected = await t.query<{ id: string }>(
          `select id from client order by lower(${column}) ${order} nulls last, id ${order}`,
        );
        expect(page.body.map((c: { id: string }) => c.id)).toEqual(expected.map((r) => r.id));
        expect(page.body[0]).not.toHaveProperty('_k');
      }
    }
    const byCompany = await list(admin, { sort: ['companyName', 'DESC'], range: [0, 0] });
    expect(names(byCompany.body)).toEqual(['Babbage & Sons Ltd']);
    const byFirstName = await list(admin, { sort: ['firstName', 'DESC'], range: [3, 4] });
    expect(names(byFirstName.body)).toEqual(['Ada Lovelace', 'Babbage & Sons Ltd']);
  });

  it('filters by free text on name, email and tax client id (wildcards are literal)', async () => {
    expect(names((await list(admin, { filter: { q: 'T-2' } })).body)).toEqual(['Alan Turing']);
    expect(names((await list(admin, { filter: { q: 'BABBAGE.test' } })).body)).toEqual([
      'Babbage & Sons Ltd',
    ]);
    expect((await list(admin, { filter: { q: '%' } })).body).toEqual([]);
  });

  it('finds a term in any case, accented capitals too, in the text as it stands after an edit', async () => {
    const zoe = (
      await admin
        .post('/api/clients')
        .send({ firstName: 'Zoë', lastName: 'Ångström', email: 'ZOE@Example.com' })
        .expect(201)
    ).body;
    try {
      const found = async (q: string) => names((await list(admin, { filter: { q } })).body);
      expect(await found('ÅNGSTR')).toEqual(['Zoë Ångström']);
      expect(await found('ZOË')).toEqual(['Zoë Ångström']);
      expect(await found('zoe@example')).toEqual(['Zoë Ångström']);
      await admin.put(`/api/clients/${zoe.id}`).send({ lastName: 'Öberg' }).expect(200);
      expect(await found('öBERG')).toEqual(['Zoë Öberg']);
      expect(await found('ångstr')).toEqual([]);
    } finally {
      await admin.delete(`/api/clients/${zoe.id}`).expect(200);
    }
  });

  it('matches a term of one or two letters at the start of a name, email or tax client id', async () => {
    const found = async (q: string) =>
      names((await list(admin, { filter: { q } }).expect(200)).body).sort();
    expect(await found('a')).toEqual(['Ada Lovelace', 'Alan Turing']);
    expect(await found('dI')).toEqual(['Edsger Dijkstra']);
    expect(await found('of')).toEqual(['Babbage & Sons Ltd']);
    expect(await found('t-')).toEqual([
      'Ada Lovelace',
      'Alan Turing',
      'Babbage & Sons Ltd',
      'Grace Hopper',
    ]);
    // Inside a word it takes three letters: "ng" is in Turing but starts nothing.
    expect(await found('ng')).toEqual([]);
    expect(await found('ing')).toEqual(['Alan Turing']);
    expect(await found('_')).toEqual([]);
  });

  it('filters by tags (any / all), type and statuses', async () => {
    const any = await list(admin, { filter: { tagIds: [tag.VIP, tag.Business] } });
    expect(names(any.body)).toEqual(['Ada Lovelace', 'Babbage & Sons Ltd']);
    const all = await list(admin, { filter: { tagIds: [tag.VIP, tag['1040']], tagMode: 'all' } });
    expect(names(all.body)).toEqual(['Ada Lovelace']);
    const offline = await list(admin, { filter: { type: 'offline' } });
    expect(offline.body).toEqual([
      expect.objectContaining({ displayName: 'Grace Hopper', connectionStatus: 'offline' }),
    ]);
    expect(
      (await list(admin, { filter: { connectionStatus: ['offline', 'duplicate'] } })).body,
    ).toHaveLength(1);
    expect(
      (await list(admin, { filter: { portalStatus: 'not_invited' } })).headers['content-range'],
    ).toBe('clients 0-4/5');
    expect((await list(admin, { filter: { portalStatus: 'accepted' } })).body).toEqual([]);
  });

  it('answers getMany with filter={"id":[...]}', async () => {
    const all = (await list(admin, {})).body as { id: string }[];
    const some = await list(admin, { filter: { id: [all[0].id, all[2].id] } });
    expect(some.body.map((c: { id: string }) => c.id).sort()).toEqual(
      [all[0].id, all[2].id].sort(),
    );
  });

  it.each([
    [{ sort: '["passwordHash","ASC"]' }, /^sort\.0: must be one of displayName/],
    [{ sort: '["displayName","SIDEWAYS"]' }, /^sort\.1: /],
    [{ sort: '{"field":"x"' }, /^sort: is not valid JSON$/],
    [{ range: '[5,2]' }, /^range: end must not be before start$/],
    [{ range: '[0,5000]' }, /^range: at most 1000 rows per page$/],
    [{ range: '["a",2]' }, /^range\.0: /],
    [{ filter: '{"tagIds":["nope"]}' }, /^filter\.tagIds/],
    [{ filter: '{"type":"corporate"}' }, /^filter\.type/],
    [{ filter: '{"owner":"me"}' }, /^filter\.owner: unknown field$/],
  ])('rejects malformed list parameters %j', async (query, message) => {
    const res = await admin.get('/api/clients').query(query).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.message).toMatch(message);
  });

  it.each([
    [{ firstName: 'Only' }, /^firstName: First and Last Name are required/],
    [
      { firstName: 'A', lastName: 'B', email: 'not-an-email' },
      /^email: is not a valid email address$/,
    ],
    [{ firstName: 'A', lastName: 'B', nickname: 'x' }, /^nickname: unknown field$/],
    [{ firstName: 'A', lastName: 'B', phone: 5550100 }, /^phone: /],
    [
      { firstName: 'A', lastName: 'B', postalCode: '1'.repeat(21) },
      /^postalCode: must be at most 20 characters$/,
    ],
    [{ firstName: 'A', lastName: 'B', type: 'corporate' }, /^type: /],
    [
      { firstName: 'A', lastName: 'B', tagIds: ['00000000-0000-4000-8000-000000000000'] },
      /^tagIds: no tag with id/,
    ],
  ])('rejects %j, naming the field, and writes nothing', async (body, message) => {
    const res = await admin.post('/api/clients').send(body).expect(400);
    expect(res.body.message).toMatch(message);
    expect((await list(admin, {})).headers['content-range']).toBe('clients 0-4/5');
  });

  it('keeps the tax client id unique among standard clients only', async () => {
    const res = await admin
      .post('/api/clients')
      .send({ firstName: 'Dup', lastName: 'Licate', taxClientId: 'T-200' })
      .expect(409);
    expect(res.body).toMatchObject({ code: 'CLIENT_TAX_CLIENT_ID_TAKEN' });
    // offline twins may share it (Grace Hopper shares T-100 with Ada Lovelace)
    await admin
      .post('/api/clients')
      .send({ type: 'offline', firstName: 'Twin', lastName: 'Two', taxClientId: 'T-200' })
      .expect(201);
  });

  it('updates with a whole record sent back, ignoring read-only fields', async () => {
    const [alan] = (await list(admin, { filter: { q: 'turing' } })).body;
    const res = await admin
      .put(`/api/clients/${alan.id}`)
      .send({ ...alan, lastName: 'M. Turing', connectionStatus: 'connected', tagIds: [tag.VIP] })
      .expect(200);
    expect(res.body).toMatchObject({
      displayName: 'Alan M. Turing',
      connectionStatus: 'not_connected',
    });
    expect(res.body.tags.map((x: { name: string }) => x.name)).toEqual(['VIP']);
    expect(new Date(res.body.updatedAt).getTime()).toBeGreaterThan(
      new Date(alan.updatedAt).getTime(),
    );

    const cleared = await admin.put(`/api/clients/${alan.id}`).send({ firstName: '' }).expect(400);
    expect(cleared.body.message).toMatch(/^firstName: First and Last Name are required/);
    expect(
      (await admin.put(`/api/clients/${alan.id}`).send({ type: 'offline' }).expect(400)).body
        .message,
    ).toBe('type: cannot be changed after the client is created');
    expect((await admin.get(`/api/clients/${alan.id}`)).body.firstName).toBe('Alan');
  });

  it('bulk adds and removes tags in one step', async () => {
    const rows = (await list(admin, { filter: { q: 'example.com' } })).body as { id: string }[];
    const ids = rows.map((r) => r.id);
    const res = await admin
      .post('/api/clients/bulk/tags')
      .send({ ids, add: [tag.Business], remove: [tag.VIP] })
      .expect(200);
    expect(res.body).toEqual({ updated: 2, added: 2, removed: 2 });
    const tagged = await list(admin, {
      filter: { tagIds: [tag.Business] },
      sort: ['displayName', 'ASC'],
    });
    expect(names(tagged.body)).toEqual(['Ada Lovelace', 'Alan M. Turing', 'Babbage & Sons Ltd']);
    expect((await list(admin, { filter: { tagIds: [tag.VIP] } })).body).toHaveLength(1);
  });

  it('rejects a bulk request naming unknown clients or contradictory tags, changing nothing', async () => {
    const [ada] = (await list(admin, { filter: { q: 'lovelace' } })).body;
    const missing = '00000000-0000-4000-8000-000000000001';
    const res = await admin
      .post('/api/clients/bulk/tags')
      .send({ ids: [ada.id, missing], add: [tag.VIP] })
      .expect(404);
    expect(res.body.message).toBe(`ids: no client with id ${missing}`);
    expect((await admin.get(`/api/clients/${ada.id}`)).body.tagIds).not.toContain(tag.VIP);

    const both = await admin
      .post('/api/clients/bulk/tags')
      .send({ ids: [ada.id], add: [tag.VIP], remove: [tag.VIP] })
      .expect(400);
    expect(both.body.message).toBe('remove: a tag cannot be both added and removed');
  });

  it('deletes a client; its id then answers 404', async () => {
    const [edsger] = (await list(admin, { filter: { q: 'dijkstra' } })).body;
    await admin.delete(`/api/clients/${edsger.id}`).expect(200);
    expect((await admin.get(`/api/clients/${edsger.id}`).expect(404)).body.code).toBe(
      'CLIENT_NOT_FOUND',
    );
  });

  it('answers unknown routes with the error shape', async () => {
    const res = await admin.get('/api/nope').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });
});
