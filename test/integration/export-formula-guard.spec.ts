import { parse } from 'csv-parse/sync';
import request, { type Agent } from 'supertest';
import { csvOf, downloadWorkbook, person, runImport } from '../utils/imports';
import { startTestApp, type TestApp } from '../utils/test-app';

/** Cells an attacker controls, each with a live formula after a line break. */
const CLIENT_NAME = "Acme Tax\n=cmd|' /C calc'!A0";
const LOGIN_EMAIL = 'x@example.com\r@SUM(1+9)*cmd';
const IMPORT_NAME = 'Bad\r\n+HYPERLINK("http://evil")';

/** Rows a spreadsheet would see if it split the file at every line break. */
const formulaLines = (csv: string) =>
  csv.split(/\r\n|\r|\n/).filter((line) => /^[=+\-@\t]/.test(line));

const csvText = (agent: Agent, path: string, query: object = {}) =>
  agent
    .get(path)
    .query(query)
    .buffer(true)
    .parse((r, done) => {
      let text = '';
      r.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      r.on('end', () => done(null, text));
    })
    .expect(200)
    .then((res) => res.body as string);

/** Every CSV and Excel download keeps a line break inside its cell and neutralises each line. */
describe('exports: line breaks carry no formula', () => {
  let t: TestApp;
  let admin: Agent;
  beforeAll(async () => {
    t = await startTestApp();
    await t.startWorker();
    admin = await t.signIn();
  });
  afterAll(() => t.close());

  it('audit trail CSV', async () => {
    await admin.post('/api/clients').send({ companyName: CLIENT_NAME }).expect(201);
    await request(t.url)
      .post('/api/auth/login')
      .send({ email: LOGIN_EMAIL, password: 'wrong' })
      .expect(401);
    const csv = await csvText(admin, '/api/audit-events/export.csv', {
      filter: JSON.stringify({ action: ['client.created', 'auth.sign_in_failed'] }),
    });
    expect(formulaLines(csv)).toEqual([]);
    const rows = parse(csv.replace(/^\uFEFF/, '')) as string[][];
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r[1])).toEqual(['Action', 'auth.sign_in_failed', 'client.created']);
    expect(rows[1][4]).toBe("x@example.com\r'@sum(1+9)*cmd");
    expect(rows[2][2]).toBe("Created client Acme Tax\n'=cmd|' /C calc'!A0");
  });

  it('import exception report, CSV and Excel', async () => {
    const job = await runImport(
      admin,
      csvOf([person(1, { 'First Name': IMPORT_NAME, Email: 'not-an-email' })]),
    );
    expect(job).toMatchObject({ status: 'completed', failed: 1 });
    const safe = 'Bad\r\n\'+HYPERLINK("http://evil")';

    const csv = await csvText(admin, `/api/imports/${job.id}/exceptions.csv`);
    expect(formulaLines(csv)).toEqual([]);
    const rows = parse(csv.replace(/^\uFEFF/, '')) as string[][];
    expect(rows).toHaveLength(2);
    expect(rows[1].slice(0, 2)).toEqual(['2', safe]);

    const sheet = (await downloadWorkbook(admin, `/api/imports/${job.id}/exceptions.xlsx`))
      .worksheets[0];
    expect(sheet.rowCount).toBe(2);
    // A string cell (never a formula); the workbook's XML stores a CRLF as LF.
    expect(sheet.getRow(2).getCell(2).value).toBe(safe.replace('\r\n', '\n'));
  });
});
