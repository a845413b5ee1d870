import { Client as Pg } from 'pg';
import type { Agent } from 'supertest';
import { seedClients } from '../../scripts/lib/seed-clients';
import { csvOf, person, runImport, waitForImport } from '../utils/imports';
import { remigrate } from '../utils/remigrate';
import { startTestApp, type TestApp } from '../utils/test-app';

/**
 * client.tag_ids, which the client list filters by, and each tag's client count, which the tag
 * list shows, follow client_tag through triggers: every path that tags or untags clients leaves
 * them equal to the links.
 */
describe("a client's tag ids and a tag's client count, kept from the links", () => {
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

  /** Names of the tags whose listed client count differs from their links. */
  const miscounted = async () => {
    const tags: { id: string; name: string; clientCount: number }[] = (
      await admin.get('/api/tags').query({ range: '[0,99]' }).expect(200)
    ).body;
    const links = await t.query<{ id: string; n: number }>(
      'select tag_id as id, count(*)::int as n from client_tag group by tag_id',
    );
    const counted = new Map(links.map((r) => [r.id, r.n]));
    return tags.filter((tg) => tg.clientCount !== (counted.get(tg.id) ?? 0)).map((tg) => tg.name);
  };

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
    expect(await miscounted()).toEqual([]);
    expect((await admin.get(`/api/tags/${tag.VIP}`).expect(200)).body.clientCount).toBe(2);

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
    expect(await miscounted()).toEqual([]);
    // An existing client gains a tag.
    const update = await runImport(admin, csvOf([person(1, { Tags: 'Trust' })]), 'again.csv', {
      mode: 'upsert',
    });
    expect(update).toMatchObject({ status: 'completed', updated: 1, failed: 0 });
    expect(await mismatched()).toEqual([]);
    expect(await miscounted()).toEqual([]);
    // Undone, the update gives the tag back; the client keeps the tags of the first import.
    await admin.post(`/api/imports/${update.id}/undo`).expect(202);
    expect(await waitForImport(admin, update.id, ['undone'])).toMatchObject({ status: 'undone' });
    expect(await listed({ tagIds: [tag.Trust], q: 'First1' })).toEqual([]);
    expect(await mismatched()).toEqual([]);
    expect(await miscounted()).toEqual([]);
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
    expect(await miscounted()).toEqual([]);
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
    expect(await miscounted()).toEqual([]);
  });

  it('counts two transactions adding the same tag, neither waiting for the other, each once committed', async () => {
    const ids: string[] = [];
    for (const firstName of ['Di', 'Ed']) {
      ids.push(
        (await admin.post('/api/clients').send({ firstName, lastName: 'Lanes' }).expect(201)).body
          .id,
      );
    }
    const before = (await admin.get(`/api/tags/${tag.Payroll}`).expect(200)).body.clientCount;
    const [a, b] = [new Pg({ connectionString: t.db.url }), new Pg({ connectionString: t.db.url })];
    await Promise.all([a.connect(), b.connect()]);
    try {
      await a.query('begin');
      await b.query('begin');
      await a.query('insert into client_tag (client_id, tag_id) values ($1, $2)', [
        ids[0],
        tag.Payroll,
      ]);
      // A count kept on the tag's row would make b wait here until a ends.
      const second = b.query('insert into client_tag (client_id, tag_id) values ($1, $2)', [
        ids[1],
        tag.Payroll,
      ]);
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<string>((resolve) => {
        timer = setTimeout(() => resolve('waited for a'), 3_000);
      });
      expect(await Promise.race([second.then(() => 'added'), waited])).toBe('added');
      clearTimeout(timer);
      // A fold meanwhile leaves their uncommitted changes for later.
      const payroll = async () =>
        (await admin.get(`/api/tags/${tag.Payroll}`).expect(200)).body.clientCount;
      expect(await payroll()).toBe(before);
      await a.query('commit');
      expect(await payroll()).toBe(before + 1);
      await b.query('commit');
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
    expect((await admin.get(`/api/tags/${tag.Payroll}`).expect(200)).body.clientCount).toBe(
      before + 2,
    );
    expect(await miscounted()).toEqual([]);
  });

  it('reads the unfolded changes while another reader folds them, then folds them itself', async () => {
    const { id } = (
      await admin
        .post('/api/clients')
        .send({ firstName: 'Flo', lastName: 'Fold', tagIds: [tag.Trust] })
        .expect(201)
    ).body;
    /** Rows past one per tag: changes not folded yet. */
    const unfolded = async () =>
      (
        await t.query<{ n: number }>(
          'select (count(*) - count(distinct tag_id))::int as n from tag_client_counts',
        )
      )[0].n;
    const folder = new Pg({ connectionString: t.db.url });
    await folder.connect();
    try {
      await folder.query('begin');
      await folder.query(`select pg_advisory_xact_lock(hashtext('tag_client_counts'))`);
      await admin.delete(`/api/clients/${id}`).expect(200);
      expect(await miscounted()).toEqual([]);
      expect(await unfolded()).toBeGreaterThan(0);
      await folder.query('commit');
    } finally {
      await folder.end();
    }
    expect(await miscounted()).toEqual([]);
    expect(await unfolded()).toBe(0);
  });

  it('follows the seed, whose clients carry their arrays from the start (a wrong one would stay)', async () => {
    const pg = new Pg({ connectionString: t.db.url });
    await pg.connect();
    const { links } = await seedClients(pg, 300).finally(() => pg.end());
    expect(links).toBeGreaterThan(100);
    expect(await mismatched()).toEqual([]);
    expect(await miscounted()).toEqual([]);
  });

  it('counts the links that exist when the migration that keeps the counts runs', async () => {
    await remigrate(t.db.url, 'Migration20261214020000', () =>
      t.query(
        `insert into client_tag (client_id, tag_id) select id, $1 from client on conflict do nothing`,
        [tag.VIP],
      ),
    );
    const [{ n }] = await t.query<{ n: number }>('select count(*)::int as n from client');
    expect((await admin.get(`/api/tags/${tag.VIP}`).expect(200)).body.clientCount).toBe(n);
    expect(await miscounted()).toEqual([]);
  });

  it('refuses to change a link in place, which would leave the arrays wrong', async () => {
    await expect(t.query(`update client_tag set tag_id = tag_id`)).rejects.toThrow(
      'client_tag rows are added or removed, not changed',
    );
  });
});
