import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { getHeapStatistics } from 'node:v8';
import { open, type Entry, type ZipFile } from 'yauzl';
import { ImportFileError, ImportFileErrorCode, SAVE_AS_CSV_OR_XLSX } from './import-file.error';
import { LargestRowMeter, SharedStringsMeter, type PartMeter } from './workbook-meters';

export interface ZipLimits {
  /** Sum of the sizes the entries declare once unpacked. */
  maxUncompressedBytes: number;
  /** Whole archive, unpacked over packed; only checked above RATIO_CHECK_FROM_BYTES. */
  maxRatio: number;
  maxEntries: number;
  /** What reading the workbook may hold in memory: its shared strings (see workbookMemoryBudget). */
  maxWorkbookMemoryBytes: number;
}

const MB = 1024 * 1024;

/** The default of IMPORT_XLSX_MAX_MEMORY_MB. */
export const DEFAULT_WORKBOOK_MEMORY_MB = 96;

/** Of this process's heap, what one workbook's shared strings may take; the rest runs the rest. */
const WORKBOOK_HEAP_SHARE = 0.4;

/** A row's XML this large is no client row; ExcelJS would build all of it in memory. */
export const MAX_ROW_BYTES = 4 * MB;

/**
 * The configured budget, lowered to a share of the heap this process was started with (the
 * worker runs with a small one), so an import is refused before it can exhaust the heap.
 */
export function workbookMemoryBudget(configuredMb = DEFAULT_WORKBOOK_MEMORY_MB): number {
  return Math.min(configuredMb * MB, getHeapStatistics().heap_size_limit * WORKBOOK_HEAP_SHARE);
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxUncompressedBytes: 500 * MB,
  maxRatio: 100,
  maxEntries: 10_000,
  maxWorkbookMemoryBytes: workbookMemoryBudget(),
};

export const SHARED_STRINGS = 'xl/sharedStrings.xml';
/** The worksheet parts ExcelJS reads. */
export const WORKSHEET = /^xl\/worksheets\/sheet\d+\.xml$/;

/** A small archive cannot hurt, however well it compresses. */
const RATIO_CHECK_FROM_BYTES = 16 * 1024 * 1024;

export const DAMAGED_XLSX =
  'This Excel file is damaged or not a real .xlsx. Open it in Excel, save it again as Excel Workbook (.xlsx) or CSV UTF-8, and upload that.';

/** Other zip-based formats people upload instead of a workbook, by a part only they have. */
const OTHER_ZIP_FORMATS: ReadonlyArray<readonly [part: string, what: string]> = [
  ['xl/workbook.bin', 'an Excel Binary Workbook (.xlsb)'],
  ['word/document.xml', 'a Word document'],
  ['ppt/presentation.xml', 'a PowerPoint presentation'],
  ['content.xml', 'an OpenDocument file (such as .ods)'],
];

/**
 * Rejects a zip that would unpack to too much, from the sizes its central directory declares,
 * before anything is unpacked. Then unpacks each part once into nothing: ExcelJS's unzip
 * swallows a corrupt part's inflate error and waits forever, and yauzl stops any part that
 * unpacks past its declared size, so a lying directory cannot get past the limits either.
 * On the way it measures what reading would hold in memory (shared strings, the largest row)
 * and rejects a workbook over the memory budget, however well inside the zip limits it is.
 */
export async function assertSafeXlsx(path: string, limits = DEFAULT_ZIP_LIMITS): Promise<void> {
  const zip = await openZip(path);
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw zipBomb(
        `This Excel file has ${zip.entryCount.toLocaleString('en-US')} parts inside, far more than a spreadsheet needs, so it was not opened.`,
      );
    }
    const entries = await readEntries(zip);
    const unpacked = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
    const packed = entries.reduce((sum, e) => sum + e.compressedSize, 0);
    if (unpacked > limits.maxUncompressedBytes) {
      throw zipBomb(
        `This Excel file would unpack to ${Math.ceil(unpacked / MB)} MB, more than the ${Math.floor(limits.maxUncompressedBytes / MB)} MB allowed, so it was not opened.`,
      );
    }
    if (unpacked > RATIO_CHECK_FROM_BYTES && unpacked > packed * limits.maxRatio) {
      throw zipBomb(
        `This Excel file unpacks to ${Math.round(unpacked / Math.max(packed, 1))} times its size, far more than a real spreadsheet does, so it was not opened.`,
      );
    }

    const parts = new Set(entries.map((e) => e.fileName));
    if (!parts.has('xl/workbook.xml')) {
      const what = OTHER_ZIP_FORMATS.find(([part]) => parts.has(part))?.[1] ?? 'a ZIP archive';
      throw new ImportFileError(
        ImportFileErrorCode.UNSUPPORTED_CONTENT,
        `This file is ${what}, not a CSV or Excel workbook. ${SAVE_AS_CSV_OR_XLSX}`,
      );
    }
    const sharedStrings = new SharedStringsMeter();
    const rows = new LargestRowMeter();
    for (const entry of entries) {
      const meter =
        entry.fileName === SHARED_STRINGS
          ? sharedStrings
          : WORKSHEET.test(entry.fileName)
            ? rows
            : undefined;
      await unpackIntoNothing(zip, entry, meter);
    }
    if (sharedStrings.estimatedBytes > limits.maxWorkbookMemoryBytes) {
      throw tooLarge(
        `Reading this Excel file would take about ${Math.ceil(sharedStrings.estimatedBytes / MB)} MB of memory for its text, more than the ${Math.floor(limits.maxWorkbookMemoryBytes / MB)} MB allowed, so it was not opened.`,
      );
    }
    if (rows.largestRowBytes > MAX_ROW_BYTES) {
      throw tooLarge(
        `A row of this Excel file holds ${Math.ceil(rows.largestRowBytes / MB)} MB of cell data, far more than a client row, so it was not opened.`,
      );
    }
  } finally {
    zip.close();
  }
}

function zipBomb(reason: string): ImportFileError {
  return new ImportFileError(ImportFileErrorCode.ZIP_BOMB, `${reason} ${SAVE_AS_CSV_OR_XLSX}`);
}

function tooLarge(reason: string): ImportFileError {
  return new ImportFileError(
    ImportFileErrorCode.WORKBOOK_TOO_LARGE,
    `${reason} Save the client list as CSV UTF-8 (read row by row, without this limit) or split it into smaller workbooks, and upload that.`,
  );
}

function damaged(cause: unknown): ImportFileError {
  return new ImportFileError(ImportFileErrorCode.UNREADABLE, DAMAGED_XLSX, { cause });
}

export function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    open(path, { lazyEntries: true, autoClose: false }, (error, zip) =>
      error ? reject(damaged(error)) : resolve(zip),
    );
  });
}

export function readEntries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', (error) => reject(damaged(error)));
    zip.readEntry();
  });
}

async function unpackIntoNothing(zip: ZipFile, entry: Entry, meter?: PartMeter): Promise<void> {
  try {
    const data = await new Promise<Readable>((resolve, reject) => {
      zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream)));
    });
    if (meter) data.on('data', (chunk: Buffer) => meter.add(chunk));
    data.resume();
    await finished(data);
  } catch (error) {
    throw damaged(error);
  }
}
