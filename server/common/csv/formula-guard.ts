/** Characters that make Excel or LibreOffice read a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEUTRALISED = /^'[=+\-@\t\r]/;
/**
 * A spreadsheet that splits a cell at a line break (an unquoted field, a tool reading lines)
 * reads what follows as a new cell: that start is guarded too.
 */
const AFTER_BREAK = /([\r\n])(?=[=+\-@\t])/g;
const NEUTRALISED_AFTER_BREAK = /([\r\n])'(?=[=+\-@\t])/g;

/**
 * Prefixes `'` to a cell that a spreadsheet would run as a formula, and to every line of it
 * that would start one, so it shows as text.
 */
export function neutraliseCell(value: string): string {
  const lines = value.replace(AFTER_BREAK, "$1'");
  return FORMULA_START.test(lines) ? `'${lines}` : lines;
}

/**
 * Undoes neutraliseCell, so a corrected exception report imports "+1 555 0100", not
 * "'+1 555 0100".
 */
export function restoreCell(value: string): string {
  const lines = value.replace(NEUTRALISED_AFTER_BREAK, '$1');
  return NEUTRALISED.test(lines) ? lines.slice(1) : lines;
}
