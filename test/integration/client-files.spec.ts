import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Agent } from 'supertest';
import { portalContact, staffMember } from '../utils/people';
import { startTestApp, type TestApp } from '../utils/test-app';

const PDF = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`, 'latin1');

/** A client's files: versions, authorised downloads, sharing with contacts, bad uploads. */
describe('client files', () => {
  let t: TestApp;
  let admin: Agent;
  let owner: Agent;
  let viewer: Agent;
  let outsider: Agent;
  const contacts: Record<string, { id: string; agent: Agent }> = {};
  let clientA: string;
  let fileId: string;

  const staffUser = (name: string) => staffMember(t, admin, name);
  const contact = async (
    name: string,
    clientId: string,
    role: 'contact_access' | 'contact_collaborator',
  ) => {
    const { id, agent } = await portalContact(t, admin, name, clientId, role);
    contacts[name] = { id, agent };
  };
  const upload = (
    agent: Agent,
    path: string,
    content: Buffer,
    name: string,
    fields: Record<string, string> = {},
  ) => {
    let req = agent.post(path);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return req.attach('file', content, name);
  };
  const storedFiles = async () =>
    Number((await t.query<{ n: string }>('select count(*) as n from stored_file'))[0].n);

  beforeAll(async () => {
    t = await startTestApp({ FILE_MAX_MB: '0.01', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    admin = await t.signIn();
    clientA = (await admin.post('/api/clients').send({ companyName: 'Alpha LLC' }).expect(201)).body
      .id;
    const clientB = (await admin.post('/api/clients').send({ companyName: 'Beta Inc' }).expect(201))
      .body.id;
    const o = await staffUser('owner');
    const v = await staffUser('viewer');
    outsider = (await staffUser('outsider')).agent;
    [owner, viewer] = [o.agent, v.agent];
    for (const [id, role] of [
      [o.id, 'owner'],
      [v.id, 'viewer'],
    ]) {
      await admin
        .post(`/api/clients/${clientA}/access`)
        .send({ principalType: 'staff', principalId: id, role })
        .expect(201);
    }
    await contact('collab', clientA, 'contact_collaborator');
    await contact('reader', clientA, 'contact_access');
    await contact('other', clientB, 'contact_access');
  });
  afterAll(() => t.close());

  it('keeps versions of a file uploaded by its owner; viewers read, others do not see it', async () => {
    const first = await upload(
      owner,
      `/api/clients/${clientA}/files`,
      PDF('v1'),
      '2025 W-2.pdf',
    ).expect(201);
    expect(first.body).toMatchObject({
      name: '2025 W-2.pdf',
      version: 1,
      contentType: 'application/pdf',
    });
    fileId = first.body.id;
    const second = await upload(
      owner,
      `/api/clients/${clientA}/files`,
      PDF('v2'),
      'W-2 corrected.pdf',
      {
        fileId,
      },
    ).expect(201);
    expect(second.body).toMatchObject({ id: fileId, version: 2 });
    expect(second.body.versions.map((x: { version: number }) => x.version)).toEqual([2, 1]);

    await upload(viewer, `/api/clients/${clientA}/files`, PDF('no'), 'x.pdf').expect(403);
    await upload(outsider, `/api/clients/${clientA}/files`, PDF('no'), 'x.pdf').expect(404);
    expect((await viewer.get(`/api/clients/${clientA}/files`).expect(200)).body).toHaveLength(1);
    await outsider.get(`/api/files/${fileId}`).expect(404);
    await outsider.get(`/api/files/${fileId}/download`).expect(404);

    const latest = await viewer.get(`/api/files/${fileId}/download`).buffer(true).expect(200);
    expect(latest.headers['content-disposition']).toMatch(/^attachment; filename="2025 W-2.pdf"/);
    expect(latest.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.from(latest.body).toString('latin1')).toContain('v2');
    const v1 = await viewer.get(`/api/files/${fileId}/download?version=1`).buffer(true).expect(200);
    expect(Buffer.from(v1.body).toString('latin1')).toContain('v1');
  });

  it('refuses bad uploads with a clear error and stores nothing', async () => {
    const before = await storedFiles();
    const cases: [Buffer, string, number, RegExp][] = [
      [
        Buffer.from('MZ\x90\x00 program', 'latin1'),
        'invoice.pdf',
        400,
        /programs are not accepted/,
      ],
      [Buffer.from('<!doctype html><script>alert(1)</script>'), 'statement.pdf', 400, /web pages/],
      [Buffer.from('PK\x03\x04 plain zip', 'latin1'), 'docs.zip', 400, /zip archives/],
      [Buffer.alloc(20_000, 'a'), 'big.txt', 413, /larger than 0.01 MB/],
      [Buffer.alloc(0), 'empty.pdf', 400, /empty/],
    ];
    for (const [content, name, status, message] of cases) {
      const res = await upload(owner, `/api/clients/${clientA}/files`, content, name).expect(
        status,
      );
      expect(res.body.message).toMatch(message);
    }
    await owner.post(`/api/clients/${clientA}/files`).field('fileId', fileId).expect(400);
    expect(await storedFiles()).toBe(before);
    expect(await readdir(join(t.config.DATA_DIR, 'files', 'incoming'))).toEqual([]);

    const traversal = await upload(
      owner,
      `/api/clients/${clientA}/files`,
      PDF('x'),
      '../../etc/passwd.pdf',
    ).expect(201);
    expect(traversal.body.name).toBe('passwd.pdf');
  });

  it("shares files only with the client's contacts; the portal shows each contact what is theirs", async () => {
    const refused = await owner
      .put(`/api/files/${fileId}/shares`)
      .send({ contactIds: [contacts.other.id] })
      .expect(400);
    expect(refused.body.message).toContain(contacts.other.id);
    await viewer
      .put(`/api/files/${fileId}/shares`)
      .send({ contactIds: [contacts.reader.id] })
      .expect(403);
    await owner
      .put(`/api/files/${fileId}/shares`)
      .send({ contactIds: [contacts.reader.id] })
      .expect(200);

    const reader = contacts.reader.agent;
    const seen = (await reader.get(`/api/portal/clients/${clientA}/files`).expect(200)).body;
    expect(seen.map((f: { id: string }) => f.id)).toEqual([fileId]);
    await reader.get(`/api/portal/files/${fileId}/download`).expect(200);
    const unshared = (await admin.get(`/api/clients/${clientA}/files`).expect(200)).body.find(
      (f: { id: string }) => f.id !== fileId,
    );
    await reader.get(`/api/portal/files/${unshared.id}/download`).expect(404);
    await upload(reader, `/api/portal/clients/${clientA}/files`, PDF('r'), 'mine.pdf').expect(403);

    const collab = contacts.collab.agent;
    const own = await upload(
      collab,
      `/api/portal/clients/${clientA}/files`,
      PDF('c'),
      '1099.pdf',
    ).expect(201);
    expect((await collab.get(`/api/portal/clients/${clientA}/files`).expect(200)).body).toEqual([
      expect.objectContaining({ id: own.body.id, name: '1099.pdf' }),
    ]);
    await collab.get(`/api/portal/files/${own.body.id}/download`).expect(200);
    await upload(collab, `/api/portal/clients/${clientA}/files`, PDF('c2'), 'x.pdf', {
      fileId,
    }).expect(404);
    await contacts.other.agent.get(`/api/portal/clients/${clientA}/files`).expect(404);
    await contacts.other.agent.get(`/api/portal/files/${own.body.id}/download`).expect(404);
  });

  it('never tells a contact who else a file is shared with', async () => {
    const both = [contacts.reader.id, contacts.collab.id];
    await owner.put(`/api/files/${fileId}/shares`).send({ contactIds: both }).expect(200);
    const staffView = (await owner.get(`/api/clients/${clientA}/files`).expect(200)).body;
    const shared = staffView.find((f: { id: string }) => f.id === fileId).sharedWithContactIds;
    expect([...shared].sort()).toEqual([...both].sort());

    const portal = `/api/portal/clients/${clientA}/files`;
    const seen = (await contacts.reader.agent.get(portal).expect(200)).body;
    const file = seen.find((f: { id: string }) => f.id === fileId);
    expect(file.sharedWithContactIds).toEqual([contacts.reader.id]);
  });
});
