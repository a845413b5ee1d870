import type { Agent } from 'supertest';
import { startTestApp, type TestApp } from '../utils/test-app';

describe('tags API', () => {
  let t: TestApp;
  let admin: Agent;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn();
  });
  afterAll(() => t.close());

  it('creates tags from a palette name or #rrggbb and lists them with Content-Range', async () => {
    const vip = await admin.post('/api/tags').send({ name: 'VIP', color: 'red' }).expect(201);
    expect(vip.body).toMatchObject({ name: 'VIP', color: '#e53935', clientCount: 0 });
    await admin.post('/api/tags').send({ name: '1040', color: '#00AA11' }).expect(201);

    const list = await admin.get('/api/tags?sort=["name","ASC"]&range=[0,9]').expect(200);
    expect(list.headers['content-range']).toBe('tags 0-1/2');
    expect(list.body.map((tag: { name: string; color: string }) => [tag.name, tag.color])).toEqual([
      ['1040', '#00aa11'],
      ['VIP', '#e53935'],
    ]);
  });

  it('rejects a duplicate name case-insensitively, and writes nothing', async () => {
    const res = await admin.post('/api/tags').send({ name: '  vip ', color: 'blue' }).expect(400);
    expect(res.body).toMatchObject({
      code: 'TAG_NAME_TAKEN',
      message: 'name: a tag named "vip" already exists',
    });
    expect((await admin.get('/api/tags').expect(200)).headers['content-range']).toBe('tags 0-1/2');
  });

  it.each([
    [{ name: 'X', color: 'chartreuse-ish' }, /^color: must be #rrggbb or one of red, /],
    [{ name: 'X', color: '#12345' }, /^color: must be #rrggbb/],
    // Names Object.prototype has, which are not palette colours.
    [{ name: 'X', color: 'constructor' }, /^color: must be #rrggbb or one of red, /],
    [{ name: 'X', color: '__proto__' }, /^color: must be #rrggbb or one of red, /],
    [{ name: '', color: 'red' }, /^name: is required$/],
    [{ name: 'a;b', color: 'red' }, /^name: must not contain ; or ,/],
    [{ name: 'X', color: 'red', owner: 'me' }, /^owner: unknown field$/],
    [{ name: 42, color: 'red' }, /^name: /],
  ])('rejects %j with a message naming the field', async (body, message) => {
    const res = await admin.post('/api/tags').send(body).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.message).toMatch(message);
  });

  it('renames (ignoring read-only fields react-admin sends back) and deletes', async () => {
    const tag = (
      await admin.post('/api/tags').send({ name: 'Extension', color: 'teal' }).expect(201)
    ).body;
    const renamed = await admin
      .put(`/api/tags/${tag.id}`)
      .send({ ...tag, name: 'Extension filed' })
      .expect(200);
    expect(renamed.body).toMatchObject({ id: tag.id, name: 'Extension filed', color: '#00897b' });

    const taken = await admin.put(`/api/tags/${tag.id}`).send({ name: 'VIP' }).expect(400);
    expect(taken.body.code).toBe('TAG_NAME_TAKEN');

    await admin.delete(`/api/tags/${tag.id}`).expect(200);
    const gone = await admin.get(`/api/tags/${tag.id}`).expect(404);
    expect(gone.body.code).toBe('TAG_NOT_FOUND');
  });

  it('rejects malformed ids and list parameters', async () => {
    expect((await admin.get('/api/tags/not-a-uuid').expect(400)).body.message).toBe(
      'id: must be a UUID',
    );
    expect((await admin.get('/api/tags?sort=["color","ASC"]').expect(400)).body.message).toMatch(
      /^sort\.0: must be one of name, createdAt, clientCount/,
    );
    expect((await admin.get('/api/tags?filter={"q":').expect(400)).body.message).toBe(
      'filter: is not valid JSON',
    );
  });

  it('counts clients per tag and removes the tag from clients when deleted', async () => {
    const tag = (
      await admin.post('/api/tags').send({ name: 'Business', color: 'indigo' }).expect(201)
    ).body;
    const client = (
      await admin
        .post('/api/clients')
        .send({ companyName: 'Acme LLC', tagIds: [tag.id] })
        .expect(201)
    ).body;
    expect((await admin.get(`/api/tags/${tag.id}`).expect(200)).body.clientCount).toBe(1);
    await admin.delete(`/api/tags/${tag.id}`).expect(200);
    expect((await admin.get(`/api/clients/${client.id}`).expect(200)).body.tagIds).toEqual([]);
  });

  it('gives a tag without a colour the palette colour fewest tags wear', async () => {
    await t.query('delete from tag');
    for (const [name, color] of [
      ['a', 'purple'],
      ['b', 'purple'],
      ['c', 'red'],
    ]) {
      await admin.post('/api/tags').send({ name, color }).expect(201);
    }
    const auto: string[] = [];
    for (const name of ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7', 'Q8', 'Q9', 'Q10', 'Q11']) {
      auto.push((await admin.post('/api/tags').send({ name }).expect(201)).body.color);
    }
    // The ten unused colours first, each once; then red (one tag) before purple (two).
    expect(new Set(auto.slice(0, 10)).size).toBe(10);
    expect(auto.slice(0, 10)).not.toContain('#8e24aa');
    expect(auto.slice(0, 10)).not.toContain('#e53935');
    expect(auto[10]).toBe('#e53935');
  });
});
