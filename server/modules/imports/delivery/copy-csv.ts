/** One field of a `COPY … (FORMAT csv)` line: NULL when absent, else quoted; NUL bytes dropped. */
export function csvField(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return `"${value.replace(/\0/g, '').replace(/"/g, '""')}"`;
}

export const csvLine = (fields: (string | null | undefined)[]): string =>
  `${fields.map(csvField).join(',')}\n`;

/** Joins lines into blocks of about `size` characters: COPY then costs a write per block, not per row. */
export async function* inBlocks(
  lines: AsyncIterable<string>,
  size = 64 * 1024,
): AsyncGenerator<string> {
  let block = '';
  for await (const line of lines) {
    block += line;
    if (block.length >= size) {
      yield block;
      block = '';
    }
  }
  if (block) yield block;
}
