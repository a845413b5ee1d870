import { createReadStream } from 'node:fs';
import { stream, type Row } from 'exceljs';
import { cellText } from './cell-text';
import { ImportFileError, ImportFileErrorCode } from './import-file.error';
import type { SheetRow } from './sheet-row';
import { DAMAGED_XLSX } from './zip-guard';

/**
 * Streams the non-blank rows of the workbook's first tab, header first, with the sheet's row
 * numbers. Check the file with zip-guard's assertSafeXlsx first.
 */
export async function* readXlsxRows(path: string): AsyncGenerator<SheetRow> {
  const input = createReadStream(path);
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
        await sheet.read(); // drained, so its part or temp file is released
        continue;
      }
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
