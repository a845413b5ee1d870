import { CSV_SAMPLE_BYTES } from '@server/modules/imports/file/csv-layout';
import { CSV_MAX_RECORD_CHARS } from '@server/modules/imports/file/csv-row-reader';
import { ImportFileErrorCode } from '@server/modules/imports/file/import-file.error';
import { openImportFile, type ParsedRow } from '@server/modules/imports/file/import-file-reader';
import { fileErrorOf, fixtureDir, openRows, xlsxBuffer } from './import-fixtures';

const files = fixtureDir();
const latin1 = (text: string) => Buffer.from(text, 'latin1');

const summary = (rows: ParsedRow[]) =>
  rows.map((r) => (r.error ? [r.rowNumber, 'ERROR'] : [r.rowNumber, r.values.firstName]));

describe('CSV import files', () => {
  it('reads a UTF-8 file with a BOM: no BOM in the first header, accents intact', async () => {
    const path = await files.write(
      'bom.csv',
      '\ufeffFirst Name,Last Name,Email\r\nZoë,Ångström,zoe@example.com\r\n',
    );
    const { reader, rows } = await openRows(path);
    expect(reader.format).toBe('csv');
    expect(reader.headers).toEqual(['First Name', 'Last Name', 'Email']);
    expect(reader.mapping).toEqual({ firstName: 0, lastName: 1, email: 2 });
    expect(rows).toEqual([
      {
        rowNumber: 2,
        raw: ['Zoë', 'Ångström', 'zoe@example.com'],
        values: { firstName: 'Zoë', lastName: 'Ångström', email: 'zoe@example.com' },
      },
    ]);
  });

  it('detects and decodes Windows-1252 (Excel "CSV (Comma delimited)")', async () => {
    const path = await files.write(
      'ansi.csv',
      Buffer.concat([
        latin1('First Name;Last Name;Company\r\nJürgen;Müller;Café '),
        Buffer.from([0x93]), // “
        latin1('Zur Post'),
        Buffer.from([0x94, 0x20, 0x80]), // ” €
        latin1('\r\n'),
      ]),
    );
    const { rows } = await openRows(path);
    expect(rows[0].values).toEqual({
      firstName: 'Jürgen',
      lastName: 'Müller',
      companyName: 'Café \u201cZur Post\u201d \u20ac',
    });
  });

  it('keeps UTF-8 when the sample ends in the middle of a character', async () => {
    const start = `First Name,Last Name\n${'Ann,Lee\n'.repeat(8000)}Bob,`;
    // The two bytes of "ü" straddle the end of the sample.
    const pad = 'x'.repeat(CSV_SAMPLE_BYTES - 1 - start.length);
    const path = await files.write('straddle.csv', `${start}${pad}ü\nCat,Müller\n`);
    const { rows } = await openRows(path, 10_000);
    expect(rows.slice(-2).map((r) => r.values.lastName?.slice(-1))).toEqual(['ü', 'r']);
    expect(rows.every((r) => !r.error)).toBe(true);
  });

  it('flags rows with non-UTF-8 bytes beyond the sampled start', async () => {
    const filler = Array.from({ length: 5000 }, (_, i) => `Name${i},Last${i}\n`).join('');
    expect(filler.length).toBeGreaterThan(CSV_SAMPLE_BYTES);
    const path = await files.write(
      'late-ansi.csv',
      Buffer.concat([latin1(`First Name,Last Name\n${filler}Jürgen,Müller\n`)]),
    );
    const { rows } = await openRows(path, 10_000);
    const last = rows[rows.length - 1];
    expect(last.rowNumber).toBe(5002);
    expect(last.error).toMatch(/not valid UTF-8 text.*CSV UTF-8/);
  });

  it.each([
    ['semicolon', ';'],
    ['tab', '\t'],
  ])('sniffs the %s delimiter from the header line', async (_, d) => {
    const path = await files.write(
      'delimited.csv',
      `"Notes, misc"${d}First Name${d}Last Name${d}Tags\nx, y${d}Ann${d}Lee${d}"a, b; c"\n`,
    );
    const { reader, rows } = await openRows(path);
    expect(reader.headers).toEqual(['Notes, misc', 'First Name', 'Last Name', 'Tags']);
    expect(reader.unknownColumns).toEqual(['Notes, misc']);
    expect(rows[0].raw).toEqual(['x, y', 'Ann', 'Lee', 'a, b; c']);
  });

  it('keeps quoted line breaks in a cell and numbers rows as a spreadsheet shows them', async () => {
    const path = await files.write(
      'multiline.csv',
      [
        'First Name,Last Name,Street',
        'Ann,Lee,"1 Main St\r\nSuite 2"',
        '',
        'Bob,Ray,"a\nb\nc"',
        ',,',
        'Cat,Dee,x',
      ].join('\r\n'),
    );
    const { rows } = await openRows(path);
    // Excel and LibreOffice: one row per record, the blank ones (3 and 5) included.
    expect(rows.map((r) => [r.rowNumber, r.values.street])).toEqual([
      [2, '1 Main St\r\nSuite 2'],
      [4, 'a\nb\nc'],
      [6, 'x'],
    ]);
  });

  it('numbers the rows of the same list saved as XLSX the same way', async () => {
    const header = ['First Name', 'Last Name', 'Street'];
    const csv = await files.write(
      'same.csv',
      ['First Name,Last Name,Street', 'Ann,Lee,"1 Main St\nSuite 2"', '', 'Bob,Ray,x'].join('\n'),
    );
    const xlsx = await files.write(
      'same.xlsx',
      await xlsxBuffer([header, ['Ann', 'Lee', '1 Main St\nSuite 2'], [], ['Bob', 'Ray', 'x']]),
    );
    for (const path of [csv, xlsx]) {
      expect(summary((await openRows(path)).rows)).toEqual([
        [2, 'Ann'],
        [4, 'Bob'],
      ]);
    }
  });

  it('pads short rows and cuts long ones to the header width', async () => {
    const path = await files.write(
      'ragged.csv',
      'First Name,Last Name,Email\nAnn\nBob,Ray,b@x.io,extra\n',
    );
    const { rows } = await openRows(path);
    expect(rows.map((r) => r.raw)).toEqual([
      ['Ann', '', ''],
      ['Bob', 'Ray', 'b@x.io'],
    ]);
  });

  it('reads mixed line endings as lines', async () => {
    const path = await files.write(
      'mixed.csv',
      'First Name,Last Name\r\nAnn,Lee\nBob,Ray\rCat,Dee',
    );
    expect(summary((await openRows(path)).rows)).toEqual([
      [2, 'Ann'],
      [3, 'Bob'],
      [4, 'Cat'],
    ]);
  });

  describe('a quote that is never closed', () => {
    it('fails that row only, even when a later quoted cell could close it', async () => {
      const path = await files.write(
        'unbalanced.csv',
        [
          'First Name,Last Name,Email',
          'Ann,Lee,ann@x.io',
          'Bob,"Ray,bob@x.io',
          'Cat,"Smith, Jr",cat@x.io',
          'Dan,Dee,dan@x.io',
          '',
        ].join('\n'),
      );
      const { rows } = await openRows(path);
      expect(summary(rows)).toEqual([
        [2, 'Ann'],
        [3, 'ERROR'],
        [4, 'Cat'],
        [5, 'Dan'],
      ]);
      expect(rows[1].error).toBe(
        'This row has a quote (") that is never closed, so it could not be read. Add the missing quote or remove the stray one.',
      );
      // The broken line, split on the delimiter, so the exception report shows it in place.
      expect(rows[1].raw).toEqual(['Bob', '"Ray', 'bob@x.io']);
      expect(rows[2].values.lastName).toBe('Smith, Jr');
    });

    it('fails that row only when nothing closes it for thousands of lines', async () => {
      const tail = Array.from({ length: 2000 }, (_, i) => `Name${i},Last${i},n${i}@x.io`);
      expect(tail.join('\n').length).toBeGreaterThan(CSV_MAX_RECORD_CHARS);
      const path = await files.write(
        'swallow.csv',
        ['First Name,Last Name,Email', 'Bob,"Ray,bob@x.io', ...tail].join('\n'),
      );
      const { rows } = await openRows(path, 10_000);
      expect(rows).toHaveLength(2001);
      expect(rows[0]).toMatchObject({ rowNumber: 2, error: expect.stringMatching(/never closed/) });
      expect(rows.slice(1).every((r, i) => !r.error && r.rowNumber === i + 3)).toBe(true);
      expect(rows[2000].values).toEqual({
        firstName: 'Name1999',
        lastName: 'Last1999',
        email: 'n1999@x.io',
      });
    });

    it('finds the broken line after quoted line breaks, blank lines and earlier failures', async () => {
      const path = await files.write(
        'broken-after-breaks.csv',
        [
          'First Name,Last Name,Street',
          'Ann,Lee,"1 Main\r\nSuite 2"',
          '',
          'Bob,"Ray,x',
          'Cat,Dee,"a\rb"',
          'Dan,Dee,y',
          'Eve,"Oops',
          'Fay,Ok,"z"',
          '',
        ].join('\r\n'),
      );
      const { rows } = await openRows(path);
      expect(summary(rows)).toEqual([
        [2, 'Ann'],
        [4, 'ERROR'],
        [5, 'Cat'],
        [6, 'Dan'],
        [7, 'ERROR'],
        [8, 'Fay'],
      ]);
      expect(rows[1].raw).toEqual(['Bob', '"Ray', 'x']);
      expect(rows[4].raw).toEqual(['Eve', '"Oops', '']);
    });

    it('fails the last row when the file ends inside the quote', async () => {
      const path = await files.write('eof.csv', 'First Name,Last Name\r\nAnn,Lee\r\nBob,"Ray\r\n');
      expect(summary((await openRows(path)).rows)).toEqual([
        [2, 'Ann'],
        [3, 'ERROR'],
      ]);
    });
  });

  it('fails a row with a quote inside an unquoted value and reads on', async () => {
    const path = await files.write(
      'inner-quote.csv',
      'First Name,Last Name\nBob "Bobby",Smith\n"Ann"x,Lee\nCat,"Dee ""the"" Third"\n',
    );
    const { rows } = await openRows(path);
    expect(summary(rows)).toEqual([
      [2, 'ERROR'],
      [3, 'ERROR'],
      [4, 'Cat'],
    ]);
    expect(rows[0].error).toMatch(/^A value has a quote \(".*"Bob ""Bobby"" Smith"\.$/);
    expect(rows[1].error).toMatch(/^A quoted value has more text after its closing quote/);
    expect(rows[2].values.lastName).toBe('Dee "the" Third');
  });

  it('fails a row longer than the record limit', async () => {
    const path = await files.write(
      'long.csv',
      `First Name,Last Name\nAnn,${'x'.repeat(CSV_MAX_RECORD_CHARS + 1)}\nBob,Ray\n`,
    );
    const { rows } = await openRows(path);
    expect(summary(rows)).toEqual([
      [2, 'ERROR'],
      [3, 'Bob'],
    ]);
    expect(rows[0].error).toMatch(/^This row is longer than 10,000 characters/);
  });

  it('rejects a file whose header row cannot be read', async () => {
    const path = await files.write('bad-header.csv', 'First Name,"Last Name\nAnn,Lee\n');
    const error = await fileErrorOf(openImportFile(path, { maxRows: 10 }));
    expect(error.code).toBe(ImportFileErrorCode.UNREADABLE);
    expect(error.message).toMatch(/^The header row could not be read\. This row has a quote/);
  });

  it('reads the rows again on each rows() call', async () => {
    const path = await files.write('twice.csv', 'First Name,Last Name\nAnn,Lee\n');
    const reader = await openImportFile(path, { maxRows: 10 });
    for (let i = 0; i < 2; i++) {
      const rows = [];
      for await (const row of reader.rows()) rows.push(row.values.firstName);
      expect(rows).toEqual(['Ann']);
    }
  });
});
