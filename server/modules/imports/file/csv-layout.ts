export type CsvEncoding = 'utf8' | 'windows-1252';
export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvLayout {
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
}

/** Encoding and delimiter are decided from this much of the file start. */
export const CSV_SAMPLE_BYTES = 64 * 1024;

/** In order of preference when counts tie: Excel writes `,`, or `;` in comma-decimal locales. */
const DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t'];
const QUOTE = 0x22;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Reads encoding and delimiter from the file start. Text that is not valid UTF-8 is taken as
 * Windows-1252, which is what Excel's plain "CSV (Comma delimited)" writes on Windows.
 * `complete` says `sample` is the whole file: otherwise a character cut at the end is no error.
 */
export function detectCsvLayout(sample: Buffer, complete: boolean): CsvLayout {
  const utf8 = sample.subarray(0, UTF8_BOM.length).equals(UTF8_BOM) || isUtf8(sample, complete);
  return { encoding: utf8 ? 'utf8' : 'windows-1252', delimiter: headerDelimiter(sample) };
}

function isUtf8(sample: Buffer, complete: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

/** The candidate found most often in the header line, outside quotes; `,` if none is. */
function headerDelimiter(sample: Buffer): CsvDelimiter {
  const codes = DELIMITERS.map((d) => d.charCodeAt(0));
  const counts = codes.map(() => 0);
  let quoted = false;
  for (const byte of sample) {
    if (byte === QUOTE) quoted = !quoted;
    else if (quoted) continue;
    else if (byte === 0x0a || byte === 0x0d) break;
    else if (codes.includes(byte)) counts[codes.indexOf(byte)]++;
  }
  return DELIMITERS[counts.indexOf(Math.max(...counts))];
}
