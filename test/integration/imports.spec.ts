import type { Agent } from 'supertest';
import {
  csvOf,
  downloadWorkbook,
  person,
  runImport,
  TEMPLATE_HEADER,
  waitForImport,
} from '../utils/imports';
import { startTestApp, type TestApp } from '../utils/test-app';

describe('client import', () => {
  let t: TestApp;
  let admin: Agent;
  const scalar = async (sql: string, params: unknown[] = []) =>
    Object.values((await t.query(sql, params))[0])[0];

  beforeAll(async () => {
    t = await startTestApp({ IMPORT_CHUNK_SIZE: '3' });
    await t.startWorker();
    admin = await t.signIn();
  });
  afterAll(() => t.close());

  it('serves the CSV and Excel templates in column order A..L', async () => {
    const csv = await admin.get('/api/imports/template.csv').expect(200);
    expect(csv.headers['content-disposition']).toContain('attachment');
    expect(csv.text.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe(TEMPLATE_HEADER.join(','));

    const book = await downloadWorkbook(admin, '/api/imports/template.xlsx');
    const sheet = book.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(TEMPLATE_HEADER);
    expect(sheet.getCell('L2').dataValidation).toMatchObject({
      type: 'list',
      formulae: [expect.stringMatching(/Yes,No/)],
    });
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(book.worksheets[1].name).toBe('Instructions');
  });

  it('imports good rows, rejects bad ones with a comment each, and reports them', async () => {
    const file = csvOf([
      person(1, { Tags: 'VIP; 1040' }),
      person(2, { Tags: '1040' }),
      { 'First Name': 'Only' },
      person(3, { Email: 'not-an-email' }),
      person(4, { 'Tax Client ID': 'TX-000001' }),
      {
        Company: 'Acme LLC',
        Email: 'office@acme.test',
        'Tax Client ID': 'BIZ-1',
        Tags: 'business',
      },
      person(5, { 'First Name': '=HYPERLINK("http://evil")', Email: 'bad@@x' }),
    ]);
    const job = await runImport(admin, file);
    expect(job).toMatchObject({
      status: 'completed',
      total: 7,
      processed: 7,
      created: 3,
      updated: 0,
      failed: 4,
    });

    const failed = await admin
      .get(`/api/imports/${job.id}/rows`)
      .query({ filter: '{"outcome":"failed"}' })
      .expect(200);
    expect(failed.headers['content-range']).toBe('import-rows 0-3/4');
    expect(
      failed.body.map((r: { rowNumber: number; comment: string }) => [r.rowNumber, r.comment]),
    ).toEqual([
      [4, expect.stringMatching(/First Name and Last Name are required/)],
      [5, expect.stringMatching(/"not-an-email" is not a valid email/)],
      [6, 'Duplicate of row 2: same Tax Client ID in this file.'],
      [8, expect.stringMatching(/not a valid email/)],
    ]);

    const report = await admin.get(`/api/imports/${job.id}/exceptions.csv`).expect(200);
    const lines = report.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe(['Row', ...TEMPLATE_HEADER, 'Comment'].join(','));
    expect(lines).toHaveLength(5);
    expect(report.text).toContain(`"'=HYPERLINK(""http://evil"")"`);

    const book = await downloadWorkbook(admin, `/api/imports/${job.id}/exceptions.xlsx`);
    const sheet = book.worksheets[0];
    expect(sheet.rowCount).toBe(5);
    expect(sheet.getRow(5).getCell(2).value).toBe(`'=HYPERLINK("http://evil")`);
    expect(String(sheet.getRow(2).getCell(14).value)).toMatch(
      /First Name and Last Name are required/,
    );

    expect(await scalar(`select count(*)::int from client`)).toBe(3);
    expect(await scalar(`select string_agg(name, ',' order by lower(name)) from tag`)).toBe(
      '1040,business,VIP',
    );
    expect(await scalar(`select count(*)::int from client_contact where is_primary`)).toBe(3);
    expect(await scalar(`select first_name from contact where email = 'person1@example.com'`)).toBe(
      'First1',
    );
  });

  it('matches existing clients by Tax Client ID then email on a second import', async () => {
    const job = await runImport(
      admin,
      csvOf([
        person(1, { Phone: '555-0101', Tags: 'VIP' }),
        person(2),
        { ...person(6), 'Tax Client ID': '', Email: 'office@acme.test', Company: 'Acme LLC' },
      ]),
    );
    expect(job).toMatchObject({
      status: 'completed',
      created: 0,
      updated: 2,
      unchanged: 1,
      failed: 0,
    });
    const rows = (await admin.get(`/api/imports/${job.id}/rows`).expect(200)).body;
    expect(rows[0].comment).toBe('Updated Phone.');
    expect(rows[1].comment).toBe('Already up to date.');
    expect(rows[2].comment).toBe('Updated First Name, Last Name.');
    expect(await scalar(`select count(*)::int from client`)).toBe(3);
  });

  it('honours create-only and update-only modes, and a dry run writes nothing', async () => {
    const createOnly = await runImport(admin, csvOf([person(1), person(7)]), 'c.csv', {
      mode: 'create',
    });
    expect(createOnly).toMatchObject({ created: 1, failed: 1 });
    const updateOnly = await runImport(
      admin,
      csvOf([person(1, { City: 'Austin' }), person(8)]),
      'u.csv',
      { mode: 'update' },
    );
    expect(updateOnly).toMatchObject({ updated: 1, failed: 1 });

    const before = await scalar(`select count(*)::int from client`);
    const dry = await runImport(admin, csvOf([person(9), person(1, { City: 'Denver' })]), 'd.csv', {
      dryRun: 'true',
    });
    expect(dry).toMatchObject({ status: 'completed', created: 1, updated: 1 });
    expect(await scalar(`select count(*)::int from client`)).toBe(before);
    expect(await scalar(`select city from client where tax_client_id = 'TX-000001'`)).toBe(
      'Austin',
    );
    const rows = (await admin.get(`/api/imports/${dry.id}/rows`).expect(200)).body;
    expect(rows[0].comment).toMatch(/^Dry run, nothing written: Created/);
    await admin.post(`/api/imports/${dry.id}/undo`).expect(409);
  });

  it('adds offline twins only for unconnected clients (TaxCaddy rules)', async () => {
    const standard = [person(20), person(21), person(22)];
    await runImport(admin, csvOf(standard));
    await t.query(
      `update client set connection_status = 'connected' where tax_client_id = 'TX-000021'`,
    );

    const offline = await runImport(
      admin,
      csvOf(standard.map((r) => ({ ...r, 'Is Offline': 'Yes' }))),
      'offline.csv',
    );
    expect(offline).toMatchObject({ created: 2, failed: 1 });
    const rows = (await admin.get(`/api/imports/${offline.id}/rows`).expect(200)).body;
    expect(rows[1]).toMatchObject({
      outcome: 'failed',
      comment: 'A connected client already exists with this Tax Client ID' + '.',
    });
    expect(
      await t.query(
        `select tax_client_id, connection_status from client where type = 'offline' order by 1`,
      ),
    ).toEqual([
      { tax_client_id: 'TX-000020', connection_status: 'offline' },
      { tax_client_id: 'TX-000022', connection_status: 'offline' },
    ]);
  });

  it('undoes an import, leaving records edited since', async () => {
    const job = await runImport(
      admin,
      csvOf([person(30), person(31), person(1, { City: 'Boston' }), person(2, { City: 'Miami' })]),
    );
    expect(job).toMatchObject({ created: 2, updated: 2 });
    await t.query(
      `update client set phone = '999', updated_at = now() + interval '1 second' where tax_client_id in ('TX-000031', 'TX-000002')`,
    );

    await admin.post(`/api/imports/${job.id}/undo`).expect(202);
    const undone = await waitForImport(admin, job.id, ['undone']);
    expect(undone.undoReport).toMatchObject({ deleted: 1, restored: 1, skippedCount: 2 });
    expect(undone.undoReport!.skipped.map((s) => s.reason)).toEqual([
      'Edited after the import, so it was left as it is.',
      'Edited after the import, so it was left as it is.',
    ]);
    expect(await scalar(`select count(*)::int from client where tax_client_id = 'TX-000030'`)).toBe(
      0,
    );
    expect(await scalar(`select count(*)::int from client where tax_client_id = 'TX-000031'`)).toBe(
      1,
    );
    expect(await scalar(`select city from client where tax_client_id = 'TX-000001'`)).toBe(
      'Austin',
    );
    expect(await scalar(`select city from client where tax_client_id = 'TX-000002'`)).toBe('Miami');
    await admin.post(`/api/imports/${job.id}/undo`).expect(409);
  });

  it('cancels a running import; every processed row is accounted for once', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => person(10_000 + i));
    const res = await admin.post('/api/imports').attach('file', csvOf(rows), 'big.csv').expect(202);
    await waitForImport(admin, res.body.id, ['processing']);
    await admin.post(`/api/imports/${res.body.id}/cancel`).expect(202);
    const job = await waitForImport(admin, res.body.id);
    expect(job.status).toBe('cancelled');
    expect(job.processed).toBeLessThan(3000);
    expect(job.created).toBe(job.processed);
    expect(
      await scalar(`select count(*)::int from client where tax_client_id >= 'TX-010000'`),
    ).toBe(job.created);
    await admin.post(`/api/imports/${res.body.id}/cancel`).expect(409);
  });
});
