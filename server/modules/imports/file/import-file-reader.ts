import { open } from 'node:fs/promises';
import type { ImportField } from '../import-columns';
import { CSV_SAMPLE_BYTES, detectCsvLayout } from './csv-layout';
import { readCsvRows } from './csv-row-reader';
import { matchHeaders } from './header-matcher';
import { EMPTY_FILE_MESSAGE, ImportFileError, ImportFileErrorCode } from './import-file.error';
import type { SheetRow } from './sheet-row';
import { sniffFormat, type ImportFileFormat } from './sniff-format';
import { readXlsxRows } from './xlsx-row-reader';
import { assertSafeXlsx, DEFAULT_ZIP_LIMITS, workbookMemoryBudget } from './zip-guard';

export interface ParsedRow {
  /** The row Excel or LibreOffice shows it on (see SheetRow). */
  rowNumber: number;
  /** The row's cells in header order, padded or cut to the header's width. */
  raw: string[];
  /** The cells of the recognised columns, as they are in the file (not trimmed). */
  values: Partial<Record<ImportField, string>>;
  /** Set when the row itself could not be parsed (CSV quoting, bad UTF-8). */
  error?: string;
}

export interface ImportFileReader {
  format: ImportFileFormat;
  /** The header row, trimmed, without trailing empty cells. */
  headers: string[];
  mapping: Partial<Record<ImportField, number>>;
  unknownColumns: string[];
  /**
   * Reads the data rows from the file, each call afresh. Throws TOO_MANY_ROWS on reaching
   * the row after `maxRows`.
   */
  rows(): AsyncGenerator<ParsedRow>;
}

export interface OpenImportFileOptions {
  maxRows: number;
  /** IMPORT_XLSX_MAX_MEMORY_MB. */
  maxWorkbookMemoryMb?: number;
}

/**
 * Checks an uploaded client list (CSV or XLSX, told apart by content) and reads its header.
 * An empty, header-only, unsupported or badly headed file fails here: this reads up to the
 * first data row and closes the file again, so a reader that is never read holds nothing
 * open. rows() reopens the file. For CSV that first read is a few KB; an XLSX is unpacked
 * once by the zip guard, and its shared strings (which Excel writes after the sheets) are
 * read once more here.
 */
export async function openImportFile(
  path: string,
  { maxRows, maxWorkbookMemoryMb }: OpenImportFileOptions,
): Promise<ImportFileReader> {
  const { head, complete } = await readHead(path);
  const format = sniffFormat(head, complete);
  if (format === 'xlsx') {
    const maxWorkbookMemoryBytes = workbookMemoryBudget(maxWorkbookMemoryMb);
    await assertSafeXlsx(path, { ...DEFAULT_ZIP_LIMITS, maxWorkbookMemoryBytes });
  }
  const layout = format === 'csv' ? detectCsvLayout(head, complete) : undefined;
  const sheetRows = () => (layout ? readCsvRows(path, layout) : readXlsxRows(path));

  const { headers, hasData } = await peek(sheetRows());
  const { mapping, unknownColumns } = matchHeaders(headers);
  if (!hasData) {
    throw new ImportFileError(
      ImportFileErrorCode.HEADER_ONLY,
      'The file has column headers but no clients. Add one client per row under the headers and upload it again.',
    );
  }

  const fields = Object.entries(mapping) as [ImportField, number][];
  const toParsedRow = ({ rowNumber, cells, error }: SheetRow): ParsedRow => {
    const raw =
      cells.length === headers.length ? cells : Array.from(headers, (_, i) => cells[i] ?? '');
    const values: Partial<Record<ImportField, string>> = {};
    for (const [field, index] of fields) values[field] = raw[index];
    return error === undefined ? { rowNumber, raw, values } : { rowNumber, raw, values, error };
  };
  async function* rows(): AsyncGenerator<ParsedRow> {
    const source = sheetRows();
    await source.next(); // the header, checked by openImportFile
    let count = 0;
    for await (const row of source) {
      if (++count > maxRows) throw tooManyRows(maxRows);
      yield toParsedRow(row);
    }
  }
  return { format, headers, mapping, unknownColumns, rows };

  async function peek(source: AsyncGenerator<SheetRow>) {
    try {
      const header = await source.next();
      if (header.done) throw emptyFile(format);
      if (header.value.error) {
        throw new ImportFileError(
          ImportFileErrorCode.UNREADABLE,
          `The header row could not be read. ${header.value.error}`,
        );
      }
      const first = await source.next();
      return {
        headers: withoutTrailingEmpty(header.value.cells.map((cell) => cell.trim())),
        hasData: !first.done,
      };
    } finally {
      await source.return(undefined);
    }
  }
}

async function readHead(path: string): Promise<{ head: Buffer; complete: boolean }> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const head = Buffer.alloc(Math.min(size, CSV_SAMPLE_BYTES));
    await file.read(head, 0, head.length, 0);
    return { head, complete: size <= CSV_SAMPLE_BYTES };
  } finally {
    await file.close();
  }
}

function withoutTrailingEmpty(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && !cells[end - 1]) end--;
  return cells.slice(0, end);
}

function emptyFile(format: ImportFileFormat): ImportFileError {
  return new ImportFileError(
    ImportFileErrorCode.EMPTY_FILE,
    format === 'xlsx'
      ? 'The first worksheet of this Excel file is empty. Put the client list on the first sheet, with the column headers in row 1.'
      : EMPTY_FILE_MESSAGE,
  );
}

function tooManyRows(maxRows: number): ImportFileError {
  return new ImportFileError(
    ImportFileErrorCode.TOO_MANY_ROWS,
    `The file has more than ${maxRows.toLocaleString('en-US')} rows; split it into smaller files.`,
  );
}
