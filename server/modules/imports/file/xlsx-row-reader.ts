import { Duplex, type Readable } from 'node:stream';
import { stream, type Row } from 'exceljs';
import { cellText } from './cell-text';
import { CSV_MAX_RECORD_CHARS } from './csv-row-reader';
import { ImportFileError, ImportFileErrorCode } from './import-file.error';
import type { SheetRow } from './sheet-row';
import { workbookPartsStream } from './workbook-parts-stream';
import { DAMAGED_XLSX } from './zip-guard';

/**
 * Streams the non-blank rows of the workbook's first tab, header first, with the sheet's row
 * numbers. Check the file with zip-guard's assertSafeXlsx first.
 */
export async function* readXlsxRows(path: string): AsyncGenerator<SheetRow> {
  const input = workbookPartsStream(path);
  endZipAfterItsLastEntry(input);
  // Styles tell a date from a number; hyperlinks keep their shown text without them.
  const workbook = new stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  try {
    for await (const sheet of workbook) {
      // Sheets arrive in zip order; the tab order is workbook.xml's, read before them. ExcelJS
      // sets each sheet reader's `id` (the sheetId) but leaves it out of its typings.
      const firstTab = workbook.model?.sheets?.[0]?.id;
      if (firstTab !== undefined && (sheet as unknown as { id: number }).id !== firstTab) {
        await sheet.read(); // drained, so the zip moves on to the next part
        continue;
      }
      for await (const row of sheet) {
        const sheetRow = toSheetRow(row);
        if (sheetRow.error || sheetRow.cells.some((cell) => cell.trim())) yield sheetRow;
      }
      return;
    }
  } catch (error) {
    throw new ImportFileError(ImportFileErrorCode.UNREADABLE, DAMAGED_XLSX, { cause: error });
  } finally {
    input.destroy();
  }
}

/**
 * ExcelJS 4.4 pipes its input into unzipper's Parse and walks the entries with a helper that
 * pauses the zip while it handles each one (draining a sheet that is not the first tab, say)
 * and stops at the first 'end'. Parse emits that 'end' itself once it has parsed the last zip
 * record, while entries it pushed meanwhile may still wait in its paused buffer: when the parser
 * outruns the reader (CPU load), those entries, possibly the first tab's sheet, are skipped
 * (exceljs#3064). So the piped-into zip ends its readable side instead (push(null)), and Node
 * emits the real 'end' only after the last buffered entry has been read.
 */
function endZipAfterItsLastEntry(input: Readable): void {
  const pipe = input.pipe.bind(input);
  input.pipe = (destination, options) => {
    if (destination instanceof Duplex) deferEarlyEnd(destination);
    return pipe(destination, options);
  };
}

function deferEarlyEnd(zip: Duplex): void {
  const emit = zip.emit.bind(zip);
  zip.emit = (event: string | symbol, ...args: unknown[]): boolean => {
    // Node marks the readable side ended before it emits its own 'end'.
    if (event !== 'end' || zip.readableEnded) return emit(event, ...args);
    zip.push(null);
    return false;
  };
}

/**
 * A row's cells as text. Cells may all show one long shared string, so a row's text is capped
 * like a CSV record's: past the cap it is one failed row, its cells dropped.
 */
function toSheetRow(row: Row): SheetRow {
  const cells: string[] = [];
  let chars = 0;
  row.eachCell((cell, column) => {
    const text = cellText(cell.value);
    chars += text.length;
    if (chars <= CSV_MAX_RECORD_CHARS) cells[column - 1] = text;
  });
  if (chars > CSV_MAX_RECORD_CHARS) {
    return {
      rowNumber: row.number,
      cells: [],
      error: `This row holds more than ${CSV_MAX_RECORD_CHARS.toLocaleString('en-US')} characters; shorten it.`,
    };
  }
  return { rowNumber: row.number, cells: Array.from(cells, (cell) => cell ?? '') };
}
