import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Agent } from 'supertest';
import {
  heavySharedStringsXlsx,
  zerosEntry,
  zipEntry,
  zipFile,
} from '../unit/imports/import-fixtures';
import { csvOf, person, runImport, TEMPLATE_HEADER } from '../utils/imports';
import { startTestApp, type TestApp } from '../utils/test-app';

/** Every bad file gets a clear error and leaves nothing behind: no job, no stored file, no client. */
describe('client import: bad input', () => {
  let t: TestApp;
  let admin: Agent;
  const count = async (table: string) =>
    (await t.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0].n;

  beforeAll(async () => {
    t = await startTestApp({
      IMPORT_MAX_FILE_MB: '1',
      IMPORT_MAX_ROWS: '50',
      IMPORT_XLSX_MAX_MEMORY_MB: '1',
    });
    await t.startWorker();
    admin = await t.signIn();
  });
  afterAll(() => t.close());

  const upload = (content: Buffer, name: string, fields: Record<string, string> = {}) => {
    let req = admin.post('/api/imports').attach('file', content, name);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return req;
  };

  it.each([
    ['an empty file', Buffer.alloc(0), 'clients.csv', 400, 'IMPORT_EMPTY_FILE', /empty/i],
    [
      'only a header',
      Buffer.from(TEMPLATE_HEADER.join(',') + '\r\n'),
      'clients.csv',
      400,
      'IMPORT_HEADER_ONLY',
      /no client rows|only a header|header/i,
    ],
    [
      'a PDF renamed .csv',
      Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'),
      'clients.csv',
      400,
      'IMPORT_UNSUPPORTED_CONTENT',
      /PDF/,
    ],
    ['binary garbage', randomBytes(4096), 'clients.csv', 400, 'IMPORT_UNSUPPORTED_CONTENT', /./],
    [
      'missing name columns',
      Buffer.from('Email,Phone\r\na@example.com,555\r\n'),
      'clients.csv',
      400,
      'IMPORT_MISSING_COLUMNS',
      /First Name, Last Name/,
    ],
    [
      'a damaged .xlsx',
      Buffer.concat([Buffer.from('PK\u0003\u0004'), randomBytes(512)]),
      'clients.xlsx',
      400,
      'IMPORT_UNREADABLE',
      /damaged|not a real/i,
    ],
  ])('rejects %s', async (_what, content, name, status, code, message) => {
    const res = await upload(content, name).expect(status);
    expect(res.body).toMatchObject({ statusCode: status, code });
    expect(res.body.message).toMatch(message);
  });

  it('rejects an xlsx zip bomb before inflating it', async () => {
    const bomb = zipFile([
      zipEntry('[Content_Types].xml', '<Types/>'),
      await zerosEntry('xl/worksheets/sheet1.xml', 200 * 1024 * 1024),
    ]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const res = await upload(bomb, 'clients.xlsx').expect(400);
    expect(res.body.code).toBe('IMPORT_ZIP_BOMB');
  });

  it('rejects a workbook whose shared strings would take more memory than allowed', async () => {
    const heavy = await heavySharedStringsXlsx(2 * 1024 * 1024);
    expect(heavy.length).toBeLessThan(1024 * 1024);
    const res = await upload(heavy, 'clients.xlsx').expect(400);
    expect(res.body).toMatchObject({
      code: 'IMPORT_WORKBOOK_TOO_LARGE',
      message: expect.stringMatching(/more than the 1 MB allowed.*save the client list as CSV/i),
    });
  });

  it('rejects a file over the size limit with 413', async () => {
    const big = csvOf(Array.from({ length: 20_000 }, (_, i) => person(i)));
    expect(big.length).toBeGreaterThan(1024 * 1024);
    const res = await upload(big, 'big.csv').expect(413);
    expect(res.body).toMatchObject({
      code: 'IMPORT_FILE_TOO_LARGE',
      message: expect.stringMatching(/larger than 1 MB/),
    });
  });

  it('names the missing file and bad fields', async () => {
    const none = await admin.post('/api/imports').field('mode', 'upsert').expect(400);
    expect(none.body).toMatchObject({ code: 'IMPORT_FILE_REQUIRED' });
    const mode = await upload(csvOf([person(1)]), 'c.csv', { mode: 'merge' }).expect(400);
    expect(mode.body.message).toBe('mode: must be one of upsert, create, update');
  });

  it('left nothing behind for any rejected upload', async () => {
    expect(await count('import_job')).toBe(0);
    expect(await count('stored_file')).toBe(0);
    expect(await count('client')).toBe(0);
    expect(await readdir(join(t.config.DATA_DIR, 'files', 'incoming'))).toEqual([]);
  });

  it('fails an import over the row limit as a whole, writing no client', async () => {
    const job = await runImport(
      admin,
      csvOf(Array.from({ length: 51 }, (_, i) => person(i))),
      'many.csv',
    );
    expect(job).toMatchObject({ status: 'failed', errorCode: 'IMPORT_TOO_MANY_ROWS', created: 0 });
    expect(job.error).toMatch(/more than 50 rows/);
    expect(await count('client')).toBe(0);
    expect(await count('import_row')).toBe(0);
  });

  it('fails only the row with an unbalanced quote; the rest imports', async () => {
    const lines = [
      TEMPLATE_HEADER.join(','),
      'Ada,Lovelace,ada@example.com,,,,,,,T-1,,',
      '"Bob,Broken,bob@example.com,,,,,,,T-2,,',
      'Grace,Hopper,grace@example.com,,,,,,,T-3,,',
    ];
    const job = await runImport(admin, Buffer.from(lines.join('\n') + '\n'), 'quotes.csv');
    expect(job.status).toBe('completed');
    const rows = (await admin.get(`/api/imports/${job.id}/rows`).expect(200)).body as {
      rowNumber: number;
      outcome: string;
      comment: string;
    }[];
    const failed = rows.filter((r) => r.outcome === 'failed');
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(failed[0]).toMatchObject({ rowNumber: 3, comment: expect.stringMatching(/quote/i) });
    expect(job.created).toBeGreaterThanOrEqual(1);
    expect(await count('client')).toBe(job.created);
  });
});
