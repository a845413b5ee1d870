import {
  EMPTY_FILE_MESSAGE,
  ImportFileError,
  ImportFileErrorCode,
  SAVE_AS_CSV_OR_XLSX,
} from './import-file.error';

export type ImportFileFormat = 'csv' | 'xlsx';

/** Only this much of the file start is checked for binary content. */
const BINARY_PROBE_BYTES = 8 * 1024;
/** Text files have hardly any control bytes; binary files have plenty. */
const MAX_CONTROL_BYTE_SHARE = 0.1;

const ZIP_MAGIC = Buffer.from('PK\x03\x04', 'latin1');
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const UTF16_BOMS = [Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff])];
/** OLE2 compound file: Excel 97-2003 .xls, and also any password-protected .xlsx. */
const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const KNOWN_BINARIES: ReadonlyArray<readonly [magic: Buffer, what: string]> = [
  [Buffer.from('%PDF', 'latin1'), 'a PDF document'],
  [Buffer.from('\x89PNG', 'latin1'), 'a PNG image'],
  [Buffer.from([0xff, 0xd8, 0xff]), 'a JPEG image'],
  [Buffer.from('GIF8', 'latin1'), 'a GIF image'],
  [Buffer.from([0x1f, 0x8b]), 'a gzip archive'],
  [Buffer.from('Rar!', 'latin1'), 'a RAR archive'],
  [Buffer.from([0x37, 0x7a, 0xbc, 0xaf]), 'a 7-Zip archive'],
];

/** Web exports and "XML Spreadsheet 2003" files are often named .xls but are markup. */
const MARKUP_START = /^\s*<(\?xml|!doctype|html|table)/i;

const unsupported = (message: string) =>
  new ImportFileError(ImportFileErrorCode.UNSUPPORTED_CONTENT, message);

/**
 * Decides the format from the file's first bytes, never from its name: an .xlsx is a zip
 * whatever it is called, and a PDF renamed .csv is still a PDF. `complete` says `head` is the
 * whole file (so "only whitespace" really means empty).
 */
export function sniffFormat(head: Buffer, complete: boolean): ImportFileFormat {
  if (complete && isBlank(head)) {
    throw new ImportFileError(ImportFileErrorCode.EMPTY_FILE, EMPTY_FILE_MESSAGE);
  }
  if (startsWith(head, ZIP_MAGIC)) return 'xlsx';
  if (UTF16_BOMS.some((bom) => startsWith(head, bom))) {
    throw unsupported(
      `This file is UTF-16 text (Excel's "Unicode Text" format), which cannot be imported. Save it from Excel as "CSV UTF-8 (Comma delimited)" instead.`,
    );
  }
  if (startsWith(head, OLE2_MAGIC)) {
    throw unsupported(
      'This file is an Excel 97-2003 workbook (.xls) or a password-protected workbook, which cannot be imported. Open it in Excel and save it as Excel Workbook (.xlsx) without a password, or as CSV UTF-8.',
    );
  }
  const known = KNOWN_BINARIES.find(([magic]) => startsWith(head, magic));
  if (known)
    throw unsupported(`This file is ${known[1]}, not a CSV or Excel file. ${SAVE_AS_CSV_OR_XLSX}`);
  if (MARKUP_START.test(head.subarray(0, 512).toString('latin1'))) {
    throw unsupported(
      `This file is an HTML or XML document (some systems name these .xls), not a CSV or Excel file. Open it in Excel and save it as Excel Workbook (.xlsx) or CSV UTF-8.`,
    );
  }
  if (looksBinary(head.subarray(0, BINARY_PROBE_BYTES))) {
    throw unsupported(`This file is binary data, not a CSV or Excel file. ${SAVE_AS_CSV_OR_XLSX}`);
  }
  return 'csv';
}

function startsWith(head: Buffer, magic: Buffer): boolean {
  return head.length >= magic.length && head.subarray(0, magic.length).equals(magic);
}

function isBlank(head: Buffer): boolean {
  const body = startsWith(head, UTF8_BOM) ? head.subarray(UTF8_BOM.length) : head;
  return body.every((b) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d);
}

function looksBinary(probe: Buffer): boolean {
  let control = 0;
  for (const b of probe) {
    if (b === 0) return true;
    // Tab, LF, FF and CR are ordinary in text; other C0 bytes and DEL are not.
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) || b === 0x7f) {
      control++;
    }
  }
  return control > probe.length * MAX_CONTROL_BYTE_SHARE;
}
