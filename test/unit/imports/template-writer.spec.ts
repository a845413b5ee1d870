import { createWriteStream } from 'node:fs';
import { Workbook } from 'exceljs';
import { validateImportRow } from '@server/modules/imports/file/row-validator';
import { TEMPLATE_EXAMPLE } from '@server/modules/imports/file/template-example';
import { templateCsv, writeTemplateXlsx } from '@server/modules/imports/file/template-writer';
import { IMPORT_COLUMNS } from '@server/modules/imports/import-columns';
import { fixtureDir, openRows } from './import-fixtures';

const files = fixtureDir();
const HEADERS = IMPORT_COLUMNS.map((c) => c.header);

async function templateXlsxPath(): Promise<string> {
  const path = files.path('template.xlsx');
  await writeTemplateXlsx(createWriteStream(path));
  return path;
}

describe('import templates', () => {
  it('CSV: BOM, header row in template order, one example row, CRLF', () => {
    const csv = templateCsv();
    expect(csv.startsWith('\ufeff')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toEqual([HEADERS.join(','), expect.stringMatching(/^Jane,Doe,/), '']);
  });

  it('XLSX: bold frozen headers, text columns, Is Offline dropdown, instructions', async () => {
    const workbook = new Workbook();
    await workbook.xlsx.readFile(await templateXlsxPath());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Clients', 'Instructions']);

    const clients = workbook.getWorksheet('Clients')!;
    expect(clients.getRow(1).values).toEqual([undefined, ...HEADERS]);
    expect(clients.getCell('A1').font).toMatchObject({ bold: true });
    expect(clients.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(clients.getCell('L1').value).toBe('Is Offline');
    for (const cell of ['L2', 'L10000']) {
      expect(clients.getCell(cell).dataValidation).toMatchObject({
        type: 'list',
        allowBlank: true,
        formulae: ['"Yes,No"'],
      });
    }
    expect(clients.getCell('L10001').dataValidation).toBeUndefined();
    for (const letter of ['I', 'J']) {
      expect(clients.getColumn(letter).numFmt).toBe('@');
      expect(clients.getCell(`${letter}2`).numFmt).toBe('@');
    }
    expect(clients.getCell('J2').value).toBe('012345678');

    const instructions = workbook.getWorksheet('Instructions')!;
    const text: string[] = [];
    instructions.eachRow((row) => text.push(row.values.toString()));
    expect(text.join('\n')).toMatch(/Is Offline,No,Yes for an offline client.*Tax Client ID/);
    expect(text.join('\n')).toMatch(/Tags,No,Tags separated by ; or ,/);
  });

  it.each([
    ['CSV', async () => files.write('template.csv', templateCsv())],
    ['XLSX', templateXlsxPath],
  ])('%s template reads back; its example row fails, so it is never imported', async (_, write) => {
    const { reader, rows } = await openRows(await write());
    expect(reader.headers).toEqual(HEADERS);
    expect(reader.unknownColumns).toEqual([]);
    expect(rows).toHaveLength(1);
    expect(rows[0].values).toEqual(TEMPLATE_EXAMPLE);
    expect(validateImportRow(rows[0].values)).toEqual({
      ok: false,
      comment:
        "This is the template's example row (Jane Doe, jane.doe@example.com), not one of your clients, so it is never imported. Delete it from the file.",
    });
    // Filled in with a real client, the same row imports.
    expect(
      validateImportRow({ ...rows[0].values, firstName: 'Janet', email: 'janet@firm.test' }),
    ).toMatchObject({ ok: true });
  });
});
