import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { ImportFileErrorCode } from '@server/modules/imports/file/import-file.error';
import { openImportFile } from '@server/modules/imports/file/import-file-reader';
import {
  BYTES_PER_RICH_TEXT_RUN,
  BYTES_PER_SHARED_STRING,
  SharedStringsMeter,
} from '@server/modules/imports/file/workbook-meters';
import { readXlsxRows } from '@server/modules/imports/file/xlsx-row-reader';
import {
  assertSafeXlsx,
  DEFAULT_ZIP_LIMITS,
  workbookMemoryBudget,
} from '@server/modules/imports/file/zip-guard';
import {
  fileErrorOf,
  firstTabSecondXlsx,
  fixtureDir,
  heavySharedStringsXlsx,
  openRows,
  xlsxBuffer,
  zipEntry,
  zipFile,
} from './import-fixtures';

const files = fixtureDir();
const MB = 1024 * 1024;

describe('workbook memory limits', () => {
  it('refuses a 16 MB workbook whose shared strings unpack to 200 MB, inside the zip limits', async () => {
    const file = await heavySharedStringsXlsx(200 * MB);
    // The shape from the field: about 16 MB packed at 12:1, nothing the zip limits catch.
    expect(file.length).toBeGreaterThan(15 * MB);
    expect(file.length).toBeLessThan(18 * MB);
    expect(200 * MB).toBeLessThan(DEFAULT_ZIP_LIMITS.maxUncompressedBytes);
    expect(200 * MB).toBeLessThan(file.length * DEFAULT_ZIP_LIMITS.maxRatio);
    const path = await files.write('heavy.xlsx', file);

    const error = await fileErrorOf(openImportFile(path, { maxRows: 10 }));
    expect(error.code).toBe(ImportFileErrorCode.WORKBOOK_TOO_LARGE);
    expect(error.message).toMatch(
      /^Reading this Excel file would take about \d+ MB of memory for its text, more than the 96 MB allowed, so it was not opened\. Save the client list as CSV UTF-8 .* or split it into smaller workbooks/,
    );
  }, 60_000);

  it('reads a workbook under the budget, and refuses it under a smaller configured one', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => [`First${i}`, `Last${i}`, `c${i}@x.com`]);
    const path = await files.write(
      'clients.xlsx',
      await xlsxBuffer([['First Name', 'Last Name', 'Email'], ...rows]),
    );
    expect((await openRows(path, 5000)).rows).toHaveLength(2000);

    const error = await fileErrorOf(
      openImportFile(path, { maxRows: 5000, maxWorkbookMemoryMb: 0.25 }),
    );
    expect(error.code).toBe(ImportFileErrorCode.WORKBOOK_TOO_LARGE);
    expect(error.message).toMatch(/more than the \d+ MB allowed/);
  });

  it('caps the configured budget at a share of the heap this process has', () => {
    const heap = getHeapStatistics().heap_size_limit;
    expect(workbookMemoryBudget(1_000_000)).toBe(heap * 0.4);
    expect(workbookMemoryBudget(10)).toBe(10 * MB);
  });

  it('estimates shared strings alike whatever the chunks, counting rich runs and wide text', () => {
    const xml = Buffer.from(
      '<sst><si><t>Anne</t></si><si><r><rPr><b/></rPr><t>Bo</t></r><r><t>b</t></r></si>' +
        '<si><t xml:space="preserve">Łukasz </t></si><sheetData/><rPh><t>x</t></rPh></sst>',
    );
    const whole = new SharedStringsMeter();
    whole.add(xml);
    const byteByByte = new SharedStringsMeter();
    for (let i = 0; i < xml.length; i++) byteByByte.add(xml.subarray(i, i + 1));

    // 3 strings, 2 runs (<rPr> and <rPh> are not runs); the whole chunk holds a two-byte char.
    const expected = 2 * xml.length + 3 * BYTES_PER_SHARED_STRING + 2 * BYTES_PER_RICH_TEXT_RUN;
    expect(whole.estimatedBytes).toBe(expected);
    // Byte by byte only the chunk with Ł's lead byte counts as wide.
    expect(byteByByte.estimatedBytes).toBe(expected - xml.length + 1);
  });

  it('refuses a worksheet row that holds megabytes of cell data', async () => {
    const text = 'x'.repeat(5 * MB);
    const sheet = `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>First Name</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>${text}</t></is></c></row><row r="3"/></sheetData></worksheet>`;
    const path = await files.write(
      'wide-row.xlsx',
      zipFile([
        zipEntry('xl/workbook.xml', '<workbook/>'),
        zipEntry('xl/worksheets/sheet1.xml', sheet),
      ]),
    );
    const error = await fileErrorOf(assertSafeXlsx(path));
    expect(error.code).toBe(ImportFileErrorCode.WORKBOOK_TOO_LARGE);
    expect(error.message).toMatch(/^A row of this Excel file holds 6 MB of cell data/);
  });

  it('fails a row whose cells show more text than a row may hold, and reads on', async () => {
    const long = 'y'.repeat(6000);
    const path = await files.write(
      'long-cells.xlsx',
      await xlsxBuffer([
        ['First Name', 'Last Name'],
        [long, long],
        ['Ada', 'Lovelace'],
      ]),
    );
    const { rows } = await openRows(path);
    expect(rows[0]).toMatchObject({
      rowNumber: 2,
      raw: ['', ''],
      error: 'This row holds more than 10,000 characters; shorten it.',
    });
    expect(rows[1]).toMatchObject({ rowNumber: 3, raw: ['Ada', 'Lovelace'] });
  });
});

describe('workbook temp files', () => {
  // ExcelJS spools with the tmp package, whose files are named tmp-<pid>-… in the OS temp folder.
  const spooled = async () =>
    (await readdir(tmpdir())).filter((name) => name.startsWith(`tmp-${process.pid}-`));

  it('copies no worksheet to the temp folder, read whole, stopped early or failing', async () => {
    // Both written sheets first, shared strings (or none) after: ExcelJS would spool them.
    const excelOrder = await files.write(
      'excel-order.xlsx',
      await xlsxBuffer([
        ['First Name', 'Last Name'],
        ['Ada', 'Lovelace'],
        ['Bob', 'Smith'],
      ]),
    );
    const tabs = await files.write('tabs.xlsx', firstTabSecondXlsx());
    const before = await spooled();

    expect((await openRows(excelOrder)).rows).toHaveLength(2);
    const rows = [];
    for await (const row of readXlsxRows(tabs)) rows.push(row.cells[0]);
    expect(rows).toEqual(['Company', 'Acme', 'Initech']);
    const tooMany = await openImportFile(excelOrder, { maxRows: 1 });
    await expect(async () => {
      for await (const row of tooMany.rows()) void row;
    }).rejects.toThrow(/more than 1 rows/);

    expect(await spooled()).toEqual(before);
  });
});
