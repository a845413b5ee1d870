import { Client as Pg } from 'pg';
import type { Agent } from 'supertest';
import { seedClients } from '../../scripts/lib/seed-clients';
import { csvOf, person, runImport, waitForImport } from '../utils/imports';
import { startTestApp, type TestApp } from '../utils/test-app';

/**
 * client.tag_ids, which the client list filters by, mirrors client_tag through triggers: every
 * path that tags or untags clients leaves the two the same.
 */
describe("a client's tag ids on its row", () => {
  let t: TestApp;
  let admin: Agent;
  const tag: Record<string, string> = {};

  /** Clients whose tag_ids differ from their client_tag links (as sets, without repeats). */
  const mismatched = async () =>
    (
      await t.query<{ id: string }>(
        `select c.id from client c
         left join (select client_id, array_agg(tag_id) as ids from client_tag group by client_id) x
           on x.client_id = c.id
         where cardinality(c.tag_ids) <> coalesce(cardinality(x.ids), 0)
           or not (c.tag_ids @> coalesce(x.ids, '{}') and c.tag_ids <@ coalesce(x.ids, '{}'))`,
      )
    ).map((r) => r.id);

  const tagIdsOf = async (clientId: string) =>
    (
      await t.query<{ ids: string[] }>('select tag_ids as ids from client where id = $1', [
        clientId,
      ])
    )[0].ids;

  const listed = async (filter: Record<string, unknown>) =>
    (
      await admin
        .get('/api/clients')
        .query({ filter: JSON.stringify(filter), range: '[0,99]' })
        .expect(200)
    ).body.map((c: { displayName: string }) => c.displayName);

  beforeAll(async () => {
    t = await startTestApp({ IMPORT_CHUNK_SIZE: '2' });
    await t.startWorker();
    admin = await t.signIn();
    for (const name of ['Payroll', 'VIP', 'Trust']) {
      tag[name] = (await admin.post('/api/tags').send({ name, color: 'blue' }).expect(201)).body.id;
    }
  });
  afterAll(() => t.close());

  it('follows a client created, edited and bulk-tagged through the API, and the list filters by it', async () => {
    const ada = (
      await admin
        .post('/api/clients')
        .send({ firstName: 'Ada', lastName: 'Tagged', tagIds: [tag.Payroll, tag.VIP] })
        .expect(201)
    ).body;
    const bob = (
      await admin.post('/api/clients').send({ firstName: 'Bob', lastName: 'Tagged' }).expect(201)
    ).body;
    expect((await tagIdsOf(ada.id)).sort()).toEqual([tag.Payroll, tag.VIP].sort());
    expect(await tagIdsOf(bob.id)).toEqual([]);

    await admin
      .put(`/api/clients/${ada.id}`)
      .send({ firstName: 'Ada', lastName: 'Tagged', tagIds: [tag.Trust] })
      .expect(200);
    expect(await tagIdsOf(ada.id)).toEqual([tag.Trust]);

    await admin
      .post('/api/clients/bulk/tags')
      .send({ ids: [ada.id, bob.id], add: [tag.VIP], remove: [tag.Trust] })
      .expect(200);
    expect(await tagIdsOf(ada.id)).toEqual([tag.VIP]);
    expect(await tagIdsOf(bob.id)).toEqual([tag.VIP]);
    expect(await mismatched()).toEqual([]);

    expect(await listed({ tagIds: [tag.VIP], q: 'Tagged' })).toEqual(['Ada Tagged', 'Bob Tagged']);
    expect(await listed({ tagIds: [tag.VIP, tag.Payroll], tagMode: 'all', q: 'Tagged' })).toEqual(
      [],
    );
    expect(await listed({ excludeTagIds: [tag.VIP], q: 'Tagged' })).toEqual([]);
  });

  it('follows an import (tags written with each new client) and drops a deleted tag', async () => {
    const job = await runImport(
      admin,
      csvOf([person(1, { Tags: 'Payroll;Audit' }), person(2, { Tags: 'audit' }), person(3)]),
    );
    expect(job).toMatchObject({ status: 'completed', created: 3, failed: 0 });
    expect(await mismatched()).toEqual([]);
    // An existing client gains a tag.
    const update = await runImport(admin, csvOf([person(1, { Tags: 'Trust' })]), 'again.csv', {
      mode: 'upsert',
    });
    expect(update).toMatchObject({ status: 'completed', updated: 1, failed: 0 });
    expect(await mismatched()).toEqual([]);
    // Undone, the update gives the tag back; the client keeps the tags of the first import.
    await admin.post(`/api/imports/${update.id}/undo`).expect(202);
    expect(await waitForImport(admin, update.id, ['undone'])).toMatchObject({ status: 'undone' });
    expect(await listed({ tagIds: [tag.Trust], q: 'First1' })).toEqual([]);
    expect(await mismatched()).toEqual([]);
    await runImport(admin, csvOf([person(1, { Tags: 'Trust' })]), 'again.csv', { mode: 'upsert' });
    const [audit] = await t.query<{ id: string }>(`select id from tag where lower(name) = 'audit'`);
    expect(await listed({ tagIds: [audit.id] })).toEqual(['First1 Last1', 'First2 Last2']);
    expect(await listed({ tagIds: [tag.Payroll, tag.Trust], tagMode: 'all' })).toEqual([
      'First1 Last1',
    ]);

    await admin.delete(`/api/tags/${audit.id}`).expect(200);
    const [imported] = await t.query<{ ids: string[] }>(
      `select tag_ids as ids from client where display_name = 'First1 Last1'`,
    );
    expect(imported.ids.sort()).toEqual([tag.Payroll, tag.Trust].sort());
    expect(await mismatched()).toEqual([]);
  });

  it('keeps both tags when two transactions tag one client at once', async () => {
    const { id } = (
      await admin.post('/api/clients').send({ firstName: 'Cy', lastName: 'Race' }).expect(201)
    ).body;
    const [a, b] = [new Pg({ connectionString: t.db.url }), new Pg({ connectionString: t.db.url })];
    await Promise.all([a.connect(), b.connect()]);
    try {
      await a.query('begin');
      await b.query('begin');
      await a.query('insert into client_tag (client_id, tag_id) values ($1, $2)', [id, tag.VIP]);
      // b's trigger waits for a's row lock, then applies its tag to a's result.
      const second = b.query('insert into client_tag (client_id, tag_id) values ($1, $2)', [
        id,
        tag.Trust,
      ]);
      await a.query('commit');
      await second;
      await b.query('commit');
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
    expect((await tagIdsOf(id)).sort()).toEqual([tag.Trust, tag.VIP].sort());
    expect(await mismatched()).toEqual([]);
  });

  it('follows the seed, whose clients carry their arrays from the start (a wrong one would stay)', async () => {
    const pg = new Pg({ connectionString: t.db.url });
    await pg.connect();
    const { links } = await seedClients(pg, 300).finally(() => pg.end());
    expect(links).toBeGreaterThan(100);
    expect(await mismatched()).toEqual([]);
  });

  it('refuses to change a link in place, which would leave the arrays wrong', async () => {
    await expect(t.query(`update client_tag set tag_id = tag_id`)).rejects.toThrow(
      'client_tag rows are added or removed, not changed',
    );
  });
});
