import { stringify, type Stringifier } from 'csv-stringify';
import { neutraliseCell } from './formula-guard';

/** csv-stringify quotes a field holding its record delimiter (CRLF) but not a lone CR or LF. */
const LINE_BREAK = /[\r\n]/;

/**
 * The stringifier of every CSV download (UTF-8 with BOM, CRLF, so Excel opens accents right):
 * each text cell is neutralised against formula injection, and one holding any line break is
 * quoted, so the break stays inside its cell instead of starting a row.
 */
export function safeCsvStringifier(): Stringifier {
  return stringify({
    bom: true,
    record_delimiter: 'windows',
    quoted_match: LINE_BREAK,
    cast: { string: neutraliseCell },
  });
}
