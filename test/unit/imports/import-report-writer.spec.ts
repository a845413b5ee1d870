import { createWriteStream } from 'node:fs';
import { Writable } from 'node:stream';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { Workbook } from 'exceljs';
import {
  writeReportCsv,
  writeReportXlsx,
  type ReportRow,
} from '@server/modules/imports/file/import-report-writer';
import { EXCEPTION_REPORT, FULL_REPORT } from '@server/modules/imports/file/report-layout';
import { validateImportRow } from '@server/modules/imports/file/row-validator';
import { fixtureDir, openRows } from './import-fixtures';

const files = fixtureDir();
const HEADERS = ['First Name', 'Last Name', 'Phone', '=cmd|x'];
const REPORT_HEADER = ['Row', 'First Name', 'Last Name', 'Phone', "'=cmd|x", 'Comment'];

/** Rows produced lazily, as the service streams them from the database. */
async function* failedRows(count: number): AsyncGenerator<ReportRow> {
  yield {
    rowNumber: 7,
    raw: ['=HYPERLINK("http://evil.example")', '', '+1 555 0100', '@SUM(A1)'],
    added: ['Last Name is required.'],
  };
  for (let i = 1; i < count; i++) {
    yield { rowNumber: 7 + i, raw: [`Ann${i}`, 'Lee', '-', ''], added: ['Email is wrong.'] };
  }
}

const writeExceptionReportXlsx = (
  out: Writable,
  headers: string[],
  rows: AsyncIterable<ReportRow>,
) => writeReportXlsx(out, EXCEPTION_REPORT, headers, rows);
const writeExceptionReportCsv = (
  out: Writable,
  headers: string[],
  rows: AsyncIterable<ReportRow>,
) => writeReportCsv(out, EXCEPTION_REPORT, headers, rows);

const NEUTRALISED = [
  7,
  `'=HYPERLINK("http://evil.example")`,
  '',
  "'+1 555 0100",
  "'@SUM(A1)",
  'Last Name is required.',
];

describe('import reports', () => {
  it('XLSX: Row, the original headers, Comment; bold frozen header; neutralised cells', async () => {
    const path = files.path('exceptions.xlsx');
    await writeExceptionReportXlsx(createWriteStream(path), HEADERS, failedRows(3000));

    const workbook = new Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Exceptions');
    expect(sheet.getRow(1).values).toEqual([undefined, ...REPORT_HEADER]);
    expect(sheet.getCell('A1').font).toMatchObject({ bold: true });
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // ExcelJS writes no cell for an empty string.
    const cells = Array.from((sheet.getRow(2).values as unknown[]).slice(1), (v) => v ?? '');
    expect(cells).toEqual(NEUTRALISED);
    expect(sheet.rowCount).toBe(3001);
    expect(sheet.getCell('D3001').value).toBe("'-");
  });

  it('CSV: BOM, CRLF, same columns, neutralised cells', async () => {
    const path = files.path('exceptions.csv');
    await writeExceptionReportCsv(createWriteStream(path), HEADERS, failedRows(3));

    const csv = await readFile(path, 'utf8');
    expect(csv.startsWith('\ufeffRow,')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(5);
    const records: string[][] = parse(csv, { bom: true });
    expect(records[0]).toEqual(REPORT_HEADER);
    expect(records[1]).toEqual(NEUTRALISED.map(String));
  });

  it.each([
    ['XLSX', writeExceptionReportXlsx],
    ['CSV', writeExceptionReportCsv],
  ])('%s: fails and aborts the output when the rows fail', async (_, write) => {
    async function* broken(): AsyncGenerator<ReportRow> {
      yield* failedRows(2);
      throw new Error('database gone');
    }
    const out = createWriteStream(files.path('broken'));
    await expect(write(out, HEADERS, broken())).rejects.toThrow('database gone');
    expect(out.destroyed).toBe(true);
  });

  it.each([
    ['XLSX', writeExceptionReportXlsx],
    ['CSV', writeExceptionReportCsv],
  ])('%s: pulls rows only as fast as the output takes them', async (_, write) => {
    const total = 50_000;
    let pulled = 0;
    async function* counted(): AsyncGenerator<ReportRow> {
      for (const row of Array.from({ length: total }, (_, i) => i)) {
        pulled++;
        yield {
          rowNumber: row + 2,
          raw: [`Ann${row}`, 'Lee', '555', ''],
          added: ['Email is wrong.'],
        };
      }
    }
    // A download that stalls until released.
    const waiting: (() => void)[] = [];
    let flowing = false;
    const out = new Writable({
      highWaterMark: 1024,
      write(_chunk, _encoding, done) {
        if (flowing) done();
        else waiting.push(() => done());
      },
    });
    const writing = write(out, HEADERS, counted());
    let seen = -1;
    while (seen !== pulled) {
      seen = pulled;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(pulled).toBeLessThan(total / 2);
    flowing = true;
    waiting.forEach((done) => done());
    await writing;
    expect(pulled).toBe(total);
  });

  it('imports again once corrected, with the apostrophes taken off', async () => {
    const path = files.path('corrected.xlsx');
    async function* corrected(): AsyncGenerator<ReportRow> {
      yield { rowNumber: 7, raw: ['Ann', 'Lee', '+1 555 0100', ''], added: ['fixed'] };
    }
    await writeExceptionReportXlsx(createWriteStream(path), HEADERS, corrected());
    const { reader, rows } = await openRows(path);
    // Row and Comment are the report's own: only the file's unknown column is listed.
    expect(reader.unknownColumns).toEqual(["'=cmd|x"]);
    expect(rows[0].raw).toEqual(['7', 'Ann', 'Lee', "'+1 555 0100", '', 'fixed']);
    expect(validateImportRow(rows[0].values)).toMatchObject({
      ok: true,
      row: { phone: '+1 555 0100' },
    });
  });

  it.each([
    ['XLSX', writeReportXlsx, 'full.xlsx'],
    ['CSV', writeReportCsv, 'full.csv'],
  ])(
    '%s full report: Outcome, Comment, Client and its id after the file columns; re-imports quietly',
    async (_, write, name) => {
      const path = files.path(name);
      async function* everyRow(): AsyncGenerator<ReportRow> {
        yield {
          rowNumber: 2,
          raw: ['Ann', 'Lee', '555', ''],
          added: ['Created', 'Created Ann Lee.', 'Ann Lee', '3b0c…'],
        };
        yield { rowNumber: 3, raw: ['Bob', '', '', ''], added: ['Failed', 'Last Name…', '', ''] };
      }
      await write(createWriteStream(path), FULL_REPORT, HEADERS, everyRow());
      const { reader, rows } = await openRows(path);
      expect(reader.headers).toEqual([
        'Row',
        'First Name',
        'Last Name',
        'Phone',
        "'=cmd|x",
        'Outcome',
        'Comment',
        'Client',
        'Client Hub ID',
      ]);
      expect(reader.unknownColumns).toEqual(["'=cmd|x"]);
      expect(rows.map((r) => r.raw.slice(5))).toEqual([
        ['Created', 'Created Ann Lee.', 'Ann Lee', '3b0c…'],
        ['Failed', 'Last Name…', '', ''],
      ]);
      expect(rows[0].values).toEqual({ firstName: 'Ann', lastName: 'Lee', phone: '555' });
    },
  );
});
