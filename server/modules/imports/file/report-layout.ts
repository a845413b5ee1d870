/** A column the import's reports add to the uploaded file's own columns. */
export interface ReportColumn {
  header: string;
  width: number;
}

/**
 * What a report adds around the file's columns: "Row" (the row in the uploaded file) first,
 * `added` last. Re-importing a report ignores these columns without a warning.
 */
export interface ReportLayout {
  sheet: string;
  added: readonly ReportColumn[];
}

export const REPORT_ROW_HEADER = 'Row';

const COMMENT: ReportColumn = { header: 'Comment', width: 60 };

/** The rows that failed, to fix and import again. */
export const EXCEPTION_REPORT: ReportLayout = { sheet: 'Exceptions', added: [COMMENT] };

/** Every row, what the import did with it, and the client it created or matched. */
export const FULL_REPORT: ReportLayout = {
  sheet: 'Rows',
  added: [
    { header: 'Outcome', width: 14 },
    COMMENT,
    { header: 'Client', width: 28 },
    { header: 'Client Hub ID', width: 38 },
  ],
};

export const REPORT_LAYOUTS: readonly ReportLayout[] = [EXCEPTION_REPORT, FULL_REPORT];
