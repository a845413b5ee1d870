import { once } from 'node:events';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate } from 'node:timers/promises';
import { stream } from 'exceljs';
import { neutraliseCell } from '../../../common/csv/formula-guard';
import { safeCsvStringifier } from '../../../common/csv/safe-csv-stringifier';

/** One rejected row: where it was in the source file, its cells in header order, and why. */
export interface ExceptionRow {
  rowNumber: number;
  raw: string[];
  comment: string;
}

const EXCEPTION_SHEET = 'Exceptions';
/** How often the XLSX writer lets the zip catch up and checks the output. */
const FLOW_CHECK_ROWS = 200;

/**
 * The exception report as a workbook, streamed row by row: "Row" (the row in the uploaded
 * file), the uploaded headers, "Comment". Every text cell is neutralised against formula
 * injection. Ends `out`, or destroys it on failure.
 */
export async function writeExceptionReportXlsx(
  out: Writable,
  headers: string[],
  rows: AsyncIterable<ExceptionRow>,
): Promise<void> {
  const workbook = new stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet(EXCEPTION_SHEET, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = reportHeader(headers).map((header, i) => ({
    header,
    width: i === 0 ? 8 : i === headers.length + 1 ? 60 : 18,
  }));
  sheet.getRow(1).font = { bold: true };
  try {
    let written = 0;
    for await (const row of rows) {
      sheet.addRow(reportRecord(row, headers)).commit();
      if (++written % FLOW_CHECK_ROWS === 0) await drained(out);
    }
    sheet.commit();
    await workbook.commit();
  } catch (error) {
    // Half a workbook is useless: an aborted `out` tells the downloader it failed.
    out.destroy();
    throw error;
  }
}

/** The same report as CSV (UTF-8 with BOM, CRLF). Ends `out`, or destroys it on failure. */
export async function writeExceptionReportCsv(
  out: Writable,
  headers: string[],
  rows: AsyncIterable<ExceptionRow>,
): Promise<void> {
  async function* records() {
    yield reportHeader(headers);
    for await (const row of rows) yield reportRecord(row, headers);
  }
  await pipeline(Readable.from(records()), safeCsvStringifier(), out);
}

function reportHeader(headers: string[]): string[] {
  return ['Row', ...headers.map(neutraliseCell), 'Comment'];
}

function reportRecord({ rowNumber, raw, comment }: ExceptionRow, headers: string[]) {
  return [
    rowNumber,
    ...headers.map((_, i) => neutraliseCell(raw[i] ?? '')),
    neutraliseCell(comment),
  ];
}

/**
 * ExcelJS ignores backpressure, so rows would pile up in memory ahead of a slow download. Its
 * zip runs in callbacks: let them run, then wait until `out` drains, and stop if `out` closes
 * (the download was cancelled).
 */
async function drained(out: Writable): Promise<void> {
  await setImmediate();
  const closed = () =>
    new Error('The exception report output closed before the report was written');
  if (out.destroyed) throw closed();
  if (!out.writableNeedDrain) return;
  const stop = new AbortController();
  try {
    await Promise.race([
      once(out, 'drain', { signal: stop.signal }),
      once(out, 'close', { signal: stop.signal }).then(() => {
        throw closed();
      }),
    ]);
  } finally {
    stop.abort();
  }
}
