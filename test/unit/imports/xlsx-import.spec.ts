import { ImportFileErrorCode } from '@server/modules/imports/file/import-file.error';
import { openImportFile } from '@server/modules/imports/file/import-file-reader';
import { assertSafeXlsx } from '@server/modules/imports/file/zip-guard';
import {
  fileErrorOf,
  firstTabSecondXlsx,
  fixtureDir,
  openRows,
  xlsxBuffer,
  zerosEntry,
  zipEntry,
  zipFile,
} from './import-fixtures';

const files = fixtureDir();
const MB = 1024 * 1024;

describe('XLSX import files', () => {
  it('reads cells as the text Excel shows, with the sheet row numbers', async () => {
    const path = await files.write(
      'clients.xlsx',
      await xlsxBuffer([
        ['Tags', 'First Name', 'Last Name', 'Email', 'Postal Code', 'Tax ID', 'Is Offline', 'Born'],
        [
          'VIP',
          { richText: [{ text: 'An' }, { text: 'ne', font: { bold: true } }] },
          { formula: 'UPPER("lee")', result: 'LEE' },
          { text: 'anne@example.com', hyperlink: 'mailto:anne@example.com' },
          2134,
          123456789012,
          true,
          new Date(Date.UTC(1980, 4, 17)),
        ],
        [],
        ['', 'Bob', { formula: '1+1', result: 2 }, '', 0.1 + 0.2, 1e-7, false, 'n/a'],
      ]),
    );
    const { reader, rows } = await openRows(path);
    expect(reader.format).toBe('xlsx');
    expect(reader.unknownColumns).toEqual(['Born']);
    expect(reader.mapping).toMatchObject({ tags: 0, firstName: 1, taxClientId: 5 });
    expect(rows).toEqual([
      {
        rowNumber: 2,
        raw: [
          'VIP',
          'Anne',
          'LEE',
          'anne@example.com',
          '2134',
          '123456789012',
          'TRUE',
          '1980-05-17',
        ],
        values: expect.objectContaining({ firstName: 'Anne', postalCode: '2134' }),
      },
      {
        rowNumber: 4,
        raw: ['', 'Bob', '2', '', '0.3', '1e-7', 'FALSE', 'n/a'],
        values: expect.objectContaining({ lastName: '2', isOffline: 'FALSE' }),
      },
    ]);
  });

  it('is read as a workbook whatever the file is called', async () => {
    const path = await files.write('renamed.csv', await xlsxBuffer([['Company'], ['Acme']]));
    const { reader, rows } = await openRows(path);
    expect(reader.format).toBe('xlsx');
    expect(rows[0].values).toEqual({ companyName: 'Acme' });
  });

  it('reads the first tab, even when its sheet comes second in the zip', async () => {
    const path = await files.write('tabs.xlsx', firstTabSecondXlsx());
    const { rows } = await openRows(path);
    expect(rows.map((r) => [r.rowNumber, r.values.companyName])).toEqual([
      [2, 'Acme'],
      [3, 'Initech'],
    ]);
  });

  it('rejects an empty first sheet and a sheet with only headers', async () => {
    const empty = await files.write('empty.xlsx', await xlsxBuffer([]));
    expect((await fileErrorOf(openImportFile(empty, { maxRows: 10 }))).code).toBe(
      ImportFileErrorCode.EMPTY_FILE,
    );
    const headerOnly = await files.write('header.xlsx', await xlsxBuffer([['Company'], [], ['']]));
    expect((await fileErrorOf(openImportFile(headerOnly, { maxRows: 10 }))).code).toBe(
      ImportFileErrorCode.HEADER_ONLY,
    );
  });

  describe('zip guard', () => {
    it('rejects a zip bomb from its declared sizes, before unpacking anything', async () => {
      const bomb = await zerosEntry('xl/worksheets/sheet1.xml', 200 * MB);
      expect(bomb.packed.length).toBeLessThan(MB);
      const path = await files.write(
        'bomb.xlsx',
        zipFile([zipEntry('xl/workbook.xml', '<workbook/>'), bomb]),
      );
      const error = await fileErrorOf(openImportFile(path, { maxRows: 10 }));
      expect(error.code).toBe(ImportFileErrorCode.ZIP_BOMB);
      expect(error.message).toMatch(/^This Excel file unpacks to \d+ times its size/);
    });

    it('rejects a zip that declares more than the size limit', async () => {
      const huge = { ...zipEntry('xl/worksheets/sheet1.xml', '<worksheet/>'), size: 600 * MB };
      const path = await files.write('big.xlsx', zipFile([huge]));
      const error = await fileErrorOf(assertSafeXlsx(path));
      expect(error.code).toBe(ImportFileErrorCode.ZIP_BOMB);
      expect(error.message).toMatch(
        /^This Excel file would unpack to 600 MB, more than the 500 MB/,
      );
    });

    it('stops a part that unpacks past the size it declares', async () => {
      const liar = { ...(await zerosEntry('xl/worksheets/sheet1.xml', 20 * MB)), size: 1000 };
      const path = await files.write(
        'liar.xlsx',
        zipFile([zipEntry('xl/workbook.xml', '<workbook/>'), liar]),
      );
      const error = await fileErrorOf(assertSafeXlsx(path));
      expect(error.code).toBe(ImportFileErrorCode.UNREADABLE);
    });

    it('rejects a zip with an absurd number of parts', async () => {
      const parts = Array.from({ length: 10_001 }, (_, i) => zipEntry(`xl/media/${i}.xml`, ''));
      const path = await files.write('parts.xlsx', zipFile(parts));
      const error = await fileErrorOf(openImportFile(path, { maxRows: 10 }));
      expect(error.code).toBe(ImportFileErrorCode.ZIP_BOMB);
      expect(error.message).toMatch(/^This Excel file has 10,001 parts inside/);
    });

    it('names a zip that is not a workbook', async () => {
      const path = await files.write('doc.xlsx', zipFile([zipEntry('word/document.xml', '<w/>')]));
      const error = await fileErrorOf(openImportFile(path, { maxRows: 10 }));
      expect(error.code).toBe(ImportFileErrorCode.UNSUPPORTED_CONTENT);
      expect(error.message).toMatch(/^This file is a Word document, not a CSV or Excel workbook/);
    });
  });

  it.each([
    ['cut short', (xlsx: Buffer) => xlsx.subarray(0, Math.floor(xlsx.length * 0.6))],
    [
      'with a corrupted sheet',
      (xlsx: Buffer) => {
        const sheet = xlsx.indexOf('xl/worksheets/sheet1.xml');
        const broken = Buffer.from(xlsx);
        broken.fill(0xff, sheet + 30, sheet + 90);
        return broken;
      },
    ],
  ])('reports an xlsx %s as damaged', async (_, damage) => {
    const xlsx = await xlsxBuffer([
      ['Company'],
      ...Array.from({ length: 50 }, (_, i) => [`Co ${i}`]),
    ]);
    const path = await files.write('damaged.xlsx', damage(xlsx));
    const error = await fileErrorOf(openImportFile(path, { maxRows: 100 }));
    expect(error.code).toBe(ImportFileErrorCode.UNREADABLE);
    expect(error.message).toMatch(/^This Excel file is damaged or not a real \.xlsx\./);
  });
});
