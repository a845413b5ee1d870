/** One non-blank row of a file's first sheet, before the header is applied. */
export interface SheetRow {
  /**
   * The row a spreadsheet shows it on (header = row 1): the worksheet row, or the CSV record's
   * place counting one row per record, blank ones included.
   */
  rowNumber: number;
  cells: string[];
  /** Set when the row could not be parsed; `cells` then holds what could be recovered. */
  error?: string;
}
