/** One non-blank row of a file's first sheet, before the header is applied. */
export interface SheetRow {
  /** Where the row starts in the source: the CSV line, or the worksheet row number. */
  rowNumber: number;
  cells: string[];
  /** Set when the row could not be parsed; `cells` then holds what could be recovered. */
  error?: string;
}
