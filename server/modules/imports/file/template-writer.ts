import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify/sync';
import { Workbook, type DataValidation, type Worksheet } from 'exceljs';
import { IMPORT_COLUMNS, type ImportField } from '../import-columns';
import { COLUMN_INSTRUCTIONS, TEMPLATE_NOTES } from './column-instructions';
import { TEMPLATE_EXAMPLE } from './template-example';

const TEMPLATE_SHEET = 'Clients';
const INSTRUCTIONS_SHEET = 'Instructions';
/** The Is Offline dropdown covers this many rows. */
const TEMPLATE_VALIDATED_ROWS = 10_000;

const WIDTH: Record<ImportField, number> = {
  firstName: 16,
  lastName: 16,
  email: 30,
  phone: 18,
  companyName: 28,
  street: 30,
  city: 18,
  state: 10,
  postalCode: 12,
  taxClientId: 16,
  tags: 28,
  isOffline: 11,
};

/** Typed in by hand, these lose their leading zeros unless the column is text. */
const TEXT_COLUMNS = new Set<ImportField>(['postalCode', 'taxClientId']);

/** The template header and one example row; BOM and CRLF so Excel opens accents right. */
export function templateCsv(): string {
  return stringify(
    [IMPORT_COLUMNS.map((c) => c.header), IMPORT_COLUMNS.map((c) => TEMPLATE_EXAMPLE[c.field])],
    { bom: true, record_delimiter: 'windows' },
  );
}

/** The Excel template: Clients sheet (headers, example, Is Offline dropdown) and Instructions. */
export async function writeTemplateXlsx(out: Writable): Promise<void> {
  const workbook = new Workbook();
  const clients = workbook.addWorksheet(TEMPLATE_SHEET, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  clients.columns = IMPORT_COLUMNS.map((c) => ({
    header: c.header,
    key: c.field,
    width: WIDTH[c.field],
    style: TEXT_COLUMNS.has(c.field) ? { numFmt: '@' } : {},
  }));
  clients.getRow(1).font = { bold: true };
  clients.addRow(TEMPLATE_EXAMPLE);
  const offline = clients.getColumn('isOffline').letter;
  addValidation(clients, `${offline}2:${offline}${TEMPLATE_VALIDATED_ROWS}`, {
    type: 'list',
    allowBlank: true,
    formulae: ['"Yes,No"'],
    showErrorMessage: true,
    errorTitle: 'Is Offline',
    error: 'Choose Yes or No.',
  });

  const instructions = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  instructions.columns = [{ width: 16 }, { width: 24 }, { width: 100 }];
  for (const note of TEMPLATE_NOTES) instructions.addRow([note]);
  instructions.addRow([]);
  instructions.addRow(['Column', 'Required', 'What to enter']).font = { bold: true };
  for (const c of IMPORT_COLUMNS) {
    const { required, help } = COLUMN_INSTRUCTIONS[c.field];
    instructions.addRow([c.header, required, help]).alignment = { wrapText: true };
  }

  // A template is a few KB: one buffer, and `out` is ended once it is all written.
  out.end(Buffer.from(await workbook.xlsx.writeBuffer()));
  await finished(out);
}

/** ExcelJS writes range validations (`dataValidations.add`), but its typings leave them out. */
function addValidation(sheet: Worksheet, range: string, rule: DataValidation): void {
  (
    sheet as Worksheet & { dataValidations: { add(range: string, rule: DataValidation): void } }
  ).dataValidations.add(range, rule);
}
