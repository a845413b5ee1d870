/** One field of a `COPY … (FORMAT csv)` line: NULL when absent, else quoted; NUL bytes dropped. */
export function csvField(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return `"${value.replace(/\0/g, '').replace(/"/g, '""')}"`;
}

export const csvLine = (fields: (string | null | undefined)[]): string =>
  `${fields.map(csvField).join(',')}\n`;
