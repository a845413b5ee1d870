import { randomBytes } from 'node:crypto';
import { ImportFileErrorCode } from '@server/modules/imports/file/import-file.error';
import { openImportFile } from '@server/modules/imports/file/import-file-reader';
import { sniffFormat } from '@server/modules/imports/file/sniff-format';
import { fileErrorOf, fixtureDir, readAll } from './import-fixtures';

const files = fixtureDir();

const rejection = async (name: string, content: string | Buffer) => {
  const path = await files.write(name, content);
  return fileErrorOf(openImportFile(path, { maxRows: 10 }));
};

describe('rejected import files', () => {
  it.each([
    ['nothing', ''],
    ['a BOM and blank lines', '\ufeff \r\n\t\n'],
  ])('rejects a file with %s as empty', async (_, content) => {
    const error = await rejection('empty.csv', content);
    expect(error.code).toBe(ImportFileErrorCode.EMPTY_FILE);
    expect(error.message).toBe(
      'The file is empty. Fill in the import template (one client per row) and upload it again.',
    );
  });

  it('rejects a file of blank rows as empty', async () => {
    const error = await rejection('commas.csv', ',,,\n,,,\n'.repeat(20_000));
    expect(error.code).toBe(ImportFileErrorCode.EMPTY_FILE);
  });

  it('rejects a file with headers and no clients', async () => {
    const error = await rejection('header.csv', 'First Name,Last Name\r\n\r\n,\r\n');
    expect(error.code).toBe(ImportFileErrorCode.HEADER_ONLY);
    expect(error.message).toMatch(/^The file has column headers but no clients\./);
  });

  it('names the missing required columns', async () => {
    const error = await rejection('columns.csv', 'Full Name,Mail\nAnn Lee,a@x.io\n');
    expect(error.code).toBe(ImportFileErrorCode.MISSING_COLUMNS);
    expect(error.message).toBe(
      'Missing required columns: First Name, Last Name (or Company for a business list). Download the template to see the expected headers.',
    );
  });

  it('rejects a PDF named .csv, saying what it is', async () => {
    const error = await rejection('clients.csv', '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n');
    expect(error.code).toBe(ImportFileErrorCode.UNSUPPORTED_CONTENT);
    expect(error.message).toBe(
      'This file is a PDF document, not a CSV or Excel file. Save the client list as CSV UTF-8 or Excel Workbook (.xlsx) and upload that.',
    );
  });

  it('rejects random binary data', async () => {
    const error = await rejection('noise.csv', randomBytes(4096));
    expect(error.code).toBe(ImportFileErrorCode.UNSUPPORTED_CONTENT);
    expect(error.message).toMatch(/^This file is binary data, not a CSV or Excel file\./);
  });

  it('stops reading at the row after maxRows', async () => {
    const rows = Array.from({ length: 1002 }, (_, i) => `Ann${i},Lee`).join('\n');
    const path = await files.write('many.csv', `First Name,Last Name\n${rows}\n`);
    const reader = await openImportFile(path, { maxRows: 1000 });
    const seen: number[] = [];
    const error = await fileErrorOf(
      (async () => {
        for await (const row of reader.rows()) seen.push(row.rowNumber);
      })(),
    );
    expect(seen).toHaveLength(1000);
    expect(error.code).toBe(ImportFileErrorCode.TOO_MANY_ROWS);
    expect(error.message).toBe('The file has more than 1,000 rows; split it into smaller files.');
    // Exactly maxRows is fine.
    expect(await readAll(await openImportFile(path, { maxRows: 1002 }))).toHaveLength(1002);
  });
});

describe('sniffFormat', () => {
  const bytes = (...parts: (string | number[])[]) =>
    Buffer.concat(
      parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
    );

  it('reads a zip as xlsx, whatever the file is called', () => {
    expect(sniffFormat(bytes('PK\x03\x04', [20, 0, 0, 0]), true)).toBe('xlsx');
  });

  it.each([
    ['UTF-8 text', bytes('First Name,Last Name\nZoë,Lee\n')],
    ['Windows-1252 text', bytes('First Name;Last Name\nJ', [0xfc], 'rgen;M', [0xfc], 'ller\n')],
    ['whitespace before more data', bytes('   ')],
  ])('reads %s as csv', (_, head) => {
    expect(sniffFormat(head, false)).toBe('csv');
  });

  it.each([
    ['a PNG image', bytes([0x89], 'PNG\r\n', [0x1a, 0x0a])],
    ['a JPEG image', bytes([0xff, 0xd8, 0xff, 0xe0])],
    ['an Excel 97-2003 workbook (.xls)', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])],
    ['UTF-16 text', bytes([0xff, 0xfe], 'F\0i\0')],
    ['an HTML or XML document', bytes('<html><table><tr><td>Ann</td></tr></table>')],
    ['binary data', bytes('\x01\x02\x03\x04\x05\x06 text\x07\x08')],
  ])('names %s', (what, head) => {
    expect(() => sniffFormat(head, true)).toThrow(`This file is ${what}`);
  });
});
