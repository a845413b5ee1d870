import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { open, type Entry, type ZipFile } from 'yauzl';
import { ImportFileError, ImportFileErrorCode, SAVE_AS_CSV_OR_XLSX } from './import-file.error';

export interface ZipLimits {
  /** Sum of the sizes the entries declare once unpacked. */
  maxUncompressedBytes: number;
  /** Whole archive, unpacked over packed; only checked above RATIO_CHECK_FROM_BYTES. */
  maxRatio: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxUncompressedBytes: 500 * 1024 * 1024,
  maxRatio: 100,
  maxEntries: 10_000,
};

/** A small archive cannot hurt, however well it compresses. */
const RATIO_CHECK_FROM_BYTES = 16 * 1024 * 1024;

export const DAMAGED_XLSX =
  'This Excel file is damaged or not a real .xlsx. Open it in Excel, save it again as Excel Workbook (.xlsx) or CSV UTF-8, and upload that.';

const MB = 1024 * 1024;

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
    for (const entry of entries) await unpackIntoNothing(zip, entry);
  } finally {
    zip.close();
  }
}

function zipBomb(reason: string): ImportFileError {
  return new ImportFileError(ImportFileErrorCode.ZIP_BOMB, `${reason} ${SAVE_AS_CSV_OR_XLSX}`);
}

function damaged(cause: unknown): ImportFileError {
  return new ImportFileError(ImportFileErrorCode.UNREADABLE, DAMAGED_XLSX, { cause });
}

function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    open(path, { lazyEntries: true, autoClose: false }, (error, zip) =>
      error ? reject(damaged(error)) : resolve(zip),
    );
  });
}

function readEntries(zip: ZipFile): Promise<Entry[]> {
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

async function unpackIntoNothing(zip: ZipFile, entry: Entry): Promise<void> {
  try {
    const data = await new Promise<Readable>((resolve, reject) => {
      zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream)));
    });
    data.resume();
    await finished(data);
  } catch (error) {
    throw damaged(error);
  }
}
