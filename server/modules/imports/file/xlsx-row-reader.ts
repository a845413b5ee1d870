import { createReadStream } from 'node:fs';
import { stream, type Row } from 'exceljs';
import { cellText } from './cell-text';
import { DAMAGED_XLSX } from './zip-guard';
import { ImportFileError, ImportFileErrorCode } from './import-file.error';
import type { SheetRow } from './sheet-row';

/**
 * Streams the non-blank rows of the first worksheet (the first sheet part in the zip, which
 * Excel and LibreOffice write in tab order), header first, with the sheet's row numbers.
 * Run zip-guard's assertSafeXlsx on the file first.
 */
export async function* readXlsxRows(path: string): AsyncGenerator<SheetRow> {
  const input = createReadStream(path);
  // Styles are needed to tell a date from a number; hyperlinks keep their shown text anyway.
  const workbook = new stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  try {
    for await (const sheet of workbook) {
      for await (const row of sheet) {
        const cells = rowCells(row);
        if (cells.some((cell) => cell.trim())) yield { rowNumber: row.number, cells };
      }
      return;
    }
  } catch (error) {
    throw new ImportFileError(ImportFileErrorCode.UNREADABLE, DAMAGED_XLSX, { cause: error });
  } finally {
    input.destroy();
  }
}

function rowCells(row: Row): string[] {
  const cells: string[] = [];
  row.eachCell((cell, column) => {
    cells[column - 1] = cellText(cell.value);
  });
  return Array.from(cells, (cell) => cell ?? '');
}
