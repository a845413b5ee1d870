import type { CellValue } from 'exceljs';

/** Excel shows 15 significant digits; more is binary float noise (0.1 + 0.2). */
const EXCEL_PRECISION = 15;

/**
 * A cell as the text the user sees: numbers without float noise (tax ids and zip codes are
 * often stored as numbers), dates as yyyy-mm-dd, formulas as their cached result, rich text
 * and hyperlinks as their text, errors as "#N/A" and the like.
 */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  }
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('error' in value) return value.error;
  if ('hyperlink' in value) return value.text;
  return cellText(value.result);
}

function numberText(n: number): string {
  return Number.isFinite(n) ? String(Number(n.toPrecision(EXCEL_PRECISION))) : '';
}
