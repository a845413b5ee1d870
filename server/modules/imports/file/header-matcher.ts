import { IMPORT_COLUMNS, type ImportField } from '../import-columns';
import { FIELD_LABEL } from './field-rules';
import { ImportFileError, ImportFileErrorCode } from './import-file.error';
import { REPORT_LAYOUTS, REPORT_ROW_HEADER } from './report-layout';

export interface HeaderMatch {
  /** Column index (0-based) of each recognised field. */
  mapping: Partial<Record<ImportField, number>>;
  /**
   * Headers that are not template columns, or repeat one already mapped; their cells are
   * ignored. The columns a report of this product adds are ignored without being listed.
   */
  unknownColumns: string[];
}

/** "First_Name", "first-name", " FIRST NAME " and "FirstName" are all the same header. */
function normaliseHeader(header: string): string {
  return header.toLowerCase().replace(/[\s_.-]+/g, '');
}

const FIELD_BY_HEADER = new Map<string, ImportField>(
  IMPORT_COLUMNS.flatMap((column) =>
    [column.header, ...column.aliases].map(
      (name) => [normaliseHeader(name), column.field] as const,
    ),
  ),
);

/**
 * Maps a header row to template fields, in any column order. Needs First Name and Last Name,
 * or Company (a business list); anything else may be missing.
 */
export function matchHeaders(headers: readonly string[]): HeaderMatch {
  const mapping: Partial<Record<ImportField, number>> = {};
  const unknownColumns: string[] = [];
  const ours = reportColumns(headers);
  headers.forEach((header, index) => {
    const name = header.trim();
    if (!name || ours.has(index)) return;
    const field = FIELD_BY_HEADER.get(normaliseHeader(name));
    // First of two matching columns wins, so "Tax ID" next to "Tax Client ID" cannot overwrite it.
    if (field && mapping[field] === undefined) mapping[field] = index;
    else unknownColumns.push(name);
  });

  if (mapping.companyName === undefined) {
    const missing = (['firstName', 'lastName'] as const).filter((f) => mapping[f] === undefined);
    if (missing.length) {
      const names = missing.map((f) => FIELD_LABEL[f]);
      throw new ImportFileError(
        ImportFileErrorCode.MISSING_COLUMNS,
        `Missing required columns: ${names.join(', ')} (or Company for a business list). Download the template to see the expected headers.`,
      );
    }
  }
  return { mapping, unknownColumns };
}

/**
 * The columns one of the import's reports added ("Row" first, its own columns last), told by
 * their place, so that a "Comment" column of the firm's own elsewhere is still listed.
 */
function reportColumns(headers: readonly string[]): Set<number> {
  const names = headers.map((header) => header.trim());
  if (names[0] !== REPORT_ROW_HEADER) return new Set();
  let end = names.length;
  while (end > 0 && !names[end - 1]) end--;
  for (const { added } of REPORT_LAYOUTS) {
    const start = end - added.length;
    if (start > 0 && added.every((column, i) => names[start + i] === column.header)) {
      return new Set([0, ...added.map((_, i) => start + i)]);
    }
  }
  return new Set();
}
