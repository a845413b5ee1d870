import { parse } from 'csv-parse/sync';
import type { Agent } from 'supertest';
import {
  csvOf,
  downloadBytes,
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

  describe('row numbers, original cells and reports', () => {
    const header = TEMPLATE_HEADER.join(',');
    // Row 2 has a quoted line break; rows 3 and 5 are blank, as a spreadsheet shows them.
    const file = Buffer.from(
      [
        header,
        'First40,Last40,person40@example.com,,,"12 Main St\r\nSuite 4",,,,TX-000040,VIP,No',
        '',
        'First41,Last41,PERSON40@Example.com,,,,,,,,"Vip; 1040",no',
        ',,,,,,,,,,,',
        'First42,Last42,bad@@x,,,,,,,,,',
      ].join('\r\n') + '\r\n',
    );
    const rowsOf = async (id: string, filter = '{}') =>
      (await admin.get(`/api/imports/${id}/rows`).query({ filter }).expect(200)).body as {
        rowNumber: number;
        outcome: string;
        comment: string;
        clientId: string | null;
        values: Record<string, string>;
      }[];
    let jobId = '';

    it('numbers rows as a spreadsheet shows them; failed rows keep the cells as typed', async () => {
      const job = await runImport(admin, file, 'spreadsheet.csv');
      jobId = job.id;
      expect(job).toMatchObject({ total: 3, created: 1, failed: 2 });
      const rows = await rowsOf(job.id);
      expect(rows.map((r) => [r.rowNumber, r.outcome])).toEqual([
        [2, 'created'],
        [4, 'failed'],
        [6, 'failed'],
      ]);
      expect(rows[1].comment).toMatch(/row 2\b.*email/);
      // The in-file duplicate as typed: not lower-cased, tags not split, Is Offline not a boolean.
      expect(rows[1].values).toEqual({
        firstName: 'First41',
        lastName: 'Last41',
        email: 'PERSON40@Example.com',
        phone: '',
        companyName: '',
        street: '',
        city: '',
        state: '',
        postalCode: '',
        taxClientId: '',
        tags: 'Vip; 1040',
        isOffline: 'no',
      });
      expect(rows[0].values.street).toBe('12 Main St\r\nSuite 4');

      // A row failed while writing (create only, the client exists) keeps its cells too.
      const createOnly = await runImport(
        admin,
        csvOf([person(40, { Email: 'Person40@EXAMPLE.com', Tags: 'a;b', 'Is Offline': 'No' })]),
        'again.csv',
        { mode: 'create' },
      );
      const [again] = await rowsOf(createOnly.id);
      expect(again).toMatchObject({ outcome: 'failed', rowNumber: 2 });
      expect(again.values).toMatchObject({
        email: 'Person40@EXAMPLE.com',
        tags: 'a;b',
        isOffline: 'No',
      });
    });

    it.each(['csv', 'xlsx'])(
      'the %s exception report re-imports without warnings, the cells as typed',
      async (format) => {
        const report = await downloadBytes(admin, `/api/imports/${jobId}/exceptions.${format}`);
        const job = await runImport(admin, report, `exceptions.${format}`, {
          dryRun: 'true',
        });
        expect(job).toMatchObject({ status: 'completed', total: 2, unknownColumns: [] });
        const rows = await rowsOf(job.id);
        expect(rows.map((r) => r.values.email)).toEqual(['PERSON40@Example.com', 'bad@@x']);
        expect(rows[1].comment).toMatch(/not a valid email/);
      },
    );

    it('downloads every row with its outcome, comment and client (CSV and Excel)', async () => {
      const [clientId] = Object.values(
        (await t.query(`select id from client where tax_client_id = 'TX-000040'`))[0],
      );
      const csv = await admin.get(`/api/imports/${jobId}/report.csv`).expect(200);
      expect(csv.headers['content-disposition']).toContain(`import-report-${jobId}.csv`);
      const records: string[][] = parse(csv.text, { bom: true });
      expect(records[0]).toEqual([
        'Row',
        ...TEMPLATE_HEADER,
        'Outcome',
        'Comment',
        'Client',
        'Client Hub ID',
      ]);
      expect(records.slice(1).map((r) => [r[0], ...r.slice(-4)])).toEqual([
        ['2', 'Created', 'Created First40 Last40.', 'First40 Last40', clientId],
        ['4', 'Failed', expect.stringMatching(/row 2\b/), '', ''],
        ['6', 'Failed', expect.stringMatching(/not a valid email/), '', ''],
      ]);
      expect(records[2][3]).toBe('PERSON40@Example.com');

      const book = await downloadWorkbook(admin, `/api/imports/${jobId}/report.xlsx`);
      const sheet = book.worksheets[0];
      expect(sheet.rowCount).toBe(4);
      expect((sheet.getRow(2).values as unknown[]).slice(-4)).toEqual([
        'Created',
        'Created First40 Last40.',
        'First40 Last40',
        clientId,
      ]);
      expect(
        await scalar(
          `select count(*)::int from audit_event where action = 'import.report_downloaded' and summary like 'Downloaded the full report%'`,
        ),
      ).toBe(2);
    });

    it('never imports the template example row', async () => {
      const csv = await admin.get('/api/imports/template.csv').expect(200);
      const xlsx = await downloadWorkbook(admin, '/api/imports/template.xlsx');
      for (const [name, content] of [
        ['template.csv', Buffer.from(csv.text)],
        ['template.xlsx', Buffer.from(await xlsx.xlsx.writeBuffer())],
      ] as const) {
        const job = await runImport(admin, content, name);
        expect(job).toMatchObject({ status: 'completed', created: 0, updated: 0, failed: 1 });
        const [row] = await rowsOf(job.id);
        expect(row.comment).toMatch(/^This is the template's example row \(Jane Doe/);
      }
      expect(
        await scalar(`select count(*)::int from client where email = 'jane.doe@example.com'`),
      ).toBe(0);
    });
  });

  describe('import for real from a dry run', () => {
    it("imports the dry run's stored file with its mode, once", async () => {
      const dry = await runImport(
        admin,
        csvOf([person(50), person(40, { City: 'Reno' })]),
        'checked.csv',
        { dryRun: 'true', mode: 'upsert' },
      );
      expect(dry).toMatchObject({ status: 'completed', created: 1, updated: 1 });
      const dryReport: string[][] = parse(
        (await admin.get(`/api/imports/${dry.id}/report.csv`).expect(200)).text,
        { bom: true },
      );
      expect(dryReport.slice(1).map((r) => r.slice(-4, -3)[0])).toEqual([
        'Would create',
        'Would update',
      ]);
      expect(
        await scalar(`select count(*)::int from client where tax_client_id = 'TX-000050'`),
      ).toBe(0);

      const res = await admin.post(`/api/imports/${dry.id}/import-for-real`).expect(202);
      expect(res.body).toMatchObject({ dryRun: false, mode: 'upsert', fileName: 'checked.csv' });
      expect(res.body.id).not.toBe(dry.id);
      const real = await waitForImport(admin, res.body.id);
      expect(real).toMatchObject({ status: 'completed', created: 1, updated: 1, failed: 0 });
      expect(await scalar(`select city from client where tax_client_id = 'TX-000040'`)).toBe(
        'Reno',
      );
      expect(
        await scalar(`select count(*)::int from client where tax_client_id = 'TX-000050'`),
      ).toBe(1);
      expect(
        await scalar(
          `select count(distinct file_id)::int from import_job where id = any($1::uuid[])`,
          [[dry.id, real.id]],
        ),
      ).toBe(1);
      expect((await admin.get(`/api/imports/${dry.id}`).expect(200)).body.realImportId).toBe(
        real.id,
      );
      expect(
        await scalar(
          `select count(*)::int from audit_event where action = 'import.started' and target_id = $1 and summary like '%from its dry run'`,
          [real.id],
        ),
      ).toBe(1);

      const again = await admin.post(`/api/imports/${dry.id}/import-for-real`).expect(409);
      expect(again.body.message).toContain(real.id);
      await admin.post(`/api/imports/${real.id}/import-for-real`).expect(409);
    });

    it('starts one real import when asked twice at once', async () => {
      const dry = await runImport(admin, csvOf([person(51)]), 'twice.csv', { dryRun: 'true' });
      const answers = await Promise.all(
        [1, 2].map(() => admin.post(`/api/imports/${dry.id}/import-for-real`)),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([202, 409]);
      const started = answers.find((a) => a.status === 202)!.body;
      await waitForImport(admin, started.id);
      expect(
        await scalar(
          `select count(*)::int from import_job where file_id = (select file_id from import_job where id = $1)`,
          [dry.id],
        ),
      ).toBe(2);
      expect(
        await scalar(`select count(*)::int from client where tax_client_id = 'TX-000051'`),
      ).toBe(1);
    });
  });
});
