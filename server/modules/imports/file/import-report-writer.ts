import { once } from 'node:events';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate } from 'node:timers/promises';
import { stream } from 'exceljs';
import { neutraliseCell } from '@server/common/csv/formula-guard';
import { REPORT_ROW_HEADER, type ReportLayout } from './report-layout';
import { safeCsvStringifier } from '@server/common/csv/safe-csv-stringifier';

/**
 * One row of a report: where it was in the uploaded file, its cells in header order, and the
 * values of the columns the report's layout adds.
 */
export interface ReportRow {
  rowNumber: number;
  raw: string[];
  added: string[];
}

/** How often the XLSX writer lets the zip catch up and checks the output. */
const FLOW_CHECK_ROWS = 200;
const ROW_WIDTH = 8;
const FILE_COLUMN_WIDTH = 18;

/**
 * A report as a workbook, streamed row by row: "Row" (the row in the uploaded file), the
 * uploaded headers, then the layout's columns. Every text cell is neutralised against formula
 * injection. Ends `out`, or destroys it on failure.
 */
export async function writeReportXlsx(
  out: Writable,
  layout: ReportLayout,
  headers: string[],
  rows: AsyncIterable<ReportRow>,
): Promise<void> {
  const workbook = new stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet(layout.sheet, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = [
    { header: REPORT_ROW_HEADER, width: ROW_WIDTH },
    ...headers.map((header) => ({ header: neutraliseCell(header), width: FILE_COLUMN_WIDTH })),
    ...layout.added.map(({ header, width }) => ({ header, width })),
  ];
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
export async function writeReportCsv(
  out: Writable,
  layout: ReportLayout,
  headers: string[],
  rows: AsyncIterable<ReportRow>,
): Promise<void> {
  async function* records() {
    yield [
      REPORT_ROW_HEADER,
      ...headers.map(neutraliseCell),
      ...layout.added.map((column) => column.header),
    ];
    for await (const row of rows) yield reportRecord(row, headers);
  }
  await pipeline(Readable.from(records()), safeCsvStringifier(), out);
}

function reportRecord({ rowNumber, raw, added }: ReportRow, headers: string[]) {
  return [
    rowNumber,
    ...headers.map((_, i) => neutraliseCell(raw[i] ?? '')),
    ...added.map(neutraliseCell),
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
