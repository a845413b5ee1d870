import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import type { CsvLayout } from './csv-layout';
import { readLineAt } from './read-line-at';
import type { SheetRow } from './sheet-row';
import { latin1ToWindows1252 } from './windows-1252';

/** Longest record read; also where a quote that is never closed stops swallowing lines. */
export const CSV_MAX_RECORD_CHARS = 10_000;

/**
 * Reads start small and double: a parser dropped soon after it starts has read, and parsed
 * (with an error object per further bad record), little beyond the record that stopped it.
 */
const FIRST_READ_BYTES = 1024;
const MAX_READ_BYTES = 64 * 1024;
const QUOTE = 0x22;

const UNCLOSED_QUOTE =
  'This row has a quote (") that is never closed, so it could not be read. Add the missing quote or remove the stray one.';
const QUOTE_FIX =
  'Put the whole value in quotes and double the quotes inside it, e.g. "Bob ""Bobby"" Smith".';
const NOT_UTF8 =
  'This row has characters that are not valid UTF-8 text. Save the file as CSV UTF-8 and import it again.';

/**
 * Streams the non-blank rows of a CSV file, header first, each with the row number a
 * spreadsheet shows for it: one row per record, blank lines included, so a quoted line break
 * inside a cell does not push later rows down.
 *
 * A record csv-parse rejects (a quote never closed, text after a closing quote, a record over
 * CSV_MAX_RECORD_CHARS) becomes one failed row made of the line where it starts, and reading
 * goes on from the next line. csv-parse cannot do that itself: an open quote swallows the lines
 * after it, and over `max_record_size` it drops the rest of its chunk. So on the first
 * rejection that parser is dropped, the line the rejected record starts on is found by
 * counting line breaks, and a new parser starts on the line after it.
 */
export async function* readCsvRows(path: string, layout: CsvLayout): AsyncGenerator<SheetRow> {
  const file = await open(path, 'r');
  try {
    yield* readRecords(file, layout);
  } finally {
    await file.close();
  }
}

async function* readRecords(file: FileHandle, layout: CsvLayout): AsyncGenerator<SheetRow> {
  let start = 0;
  // Lines find a rejected record's bytes again; rows number the records.
  let line = 1;
  let rowNumber = 1;
  for (;;) {
    const pass = startPass(file, start, layout);
    const passLine = line;
    let consumed = 0;
    try {
      for await (const record of pass.records) {
        // Records the parser produced after the rejected one come from a swallowed mess.
        if (pass.failure()?.recordsBefore === consumed) break;
        consumed++;
        line += 1 + lineBreaks(record);
        const row = toRow(rowNumber++, record, layout);
        if (row) yield row;
      }
    } finally {
      pass.stop();
    }

    const failure = pass.failure();
    if (!failure) return;
    const broken = await readLineAt(file, start, line - passLine, CSV_MAX_RECORD_CHARS);
    yield {
      rowNumber: rowNumber++,
      cells: decode(broken.bytes, layout).split(layout.delimiter),
      error: describeFailure(failure.code, broken.bytes),
    };
    if (broken.next === null) return;
    start = broken.next;
    line++;
  }
}

/** One csv-parse run from `start`; it stops reading at the first rejected record. */
function startPass(file: FileHandle, start: number, layout: CsvLayout) {
  const input = Readable.from(fileChunks(file, start), { objectMode: false });
  const parser = parse({
    bom: start === 0,
    delimiter: layout.delimiter,
    // Windows-1252 is read as Latin-1, then corrected per cell.
    encoding: layout.encoding === 'utf8' ? 'utf8' : 'latin1',
    // All three, so files glued together from different systems still split into lines.
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    max_record_size: CSV_MAX_RECORD_CHARS,
    skip_records_with_error: true,
  });
  let failure: { code: string; recordsBefore: number } | undefined;
  parser.on('skip', (error: CsvError) => {
    if (failure) return;
    failure = { code: error.code, recordsBefore: parser.info.records };
    input.unpipe(parser);
    input.destroy();
    if (!parser.writableEnded) parser.end();
  });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  return {
    records: parser as AsyncIterable<string[]>,
    failure: () => failure,
    stop: () => {
      input.destroy();
      parser.destroy();
    },
  };
}

async function* fileChunks(file: FileHandle, start: number): AsyncGenerator<Buffer> {
  let position = start;
  for (let size = FIRST_READ_BYTES; ; size = Math.min(size * 2, MAX_READ_BYTES)) {
    const chunk = Buffer.allocUnsafe(size);
    const { bytesRead } = await file.read(chunk, 0, size, position);
    if (bytesRead === 0) return;
    position += bytesRead;
    yield chunk.subarray(0, bytesRead);
  }
}

function toRow(rowNumber: number, record: string[], layout: CsvLayout): SheetRow | undefined {
  const cells = layout.encoding === 'utf8' ? record : record.map(latin1ToWindows1252);
  if (cells.every((cell) => !cell.trim())) return undefined;
  // A UTF-8 file with a stray Windows-1252 byte past the sampled start decodes to U+FFFD.
  if (layout.encoding === 'utf8' && cells.some((cell) => cell.includes('\uFFFD'))) {
    return { rowNumber, cells, error: NOT_UTF8 };
  }
  return { rowNumber, cells };
}

/** Line breaks inside quoted cells: csv-parse's own line count takes CRLF there as two. */
function lineBreaks(record: string[]): number {
  let breaks = 0;
  for (const cell of record) {
    if (cell.includes('\n') || cell.includes('\r')) breaks += cell.match(/\r\n|\r|\n/g)!.length;
  }
  return breaks;
}

function decode(bytes: Buffer, layout: CsvLayout): string {
  return layout.encoding === 'utf8'
    ? bytes.toString('utf8')
    : latin1ToWindows1252(bytes.toString('latin1'));
}

function describeFailure(code: string, line: Buffer): string {
  const quotes = line.reduce((count, byte) => count + (byte === QUOTE ? 1 : 0), 0);
  if (quotes % 2 === 1) return UNCLOSED_QUOTE;
  switch (code) {
    case 'CSV_MAX_RECORD_SIZE':
      return `This row is longer than ${CSV_MAX_RECORD_CHARS.toLocaleString('en-US')} characters. Shorten it, or look for a quote (") that is never closed.`;
    case 'INVALID_OPENING_QUOTE':
      return `A value has a quote (") inside it but does not start with one. ${QUOTE_FIX}`;
    case 'CSV_INVALID_CLOSING_QUOTE':
      return `A quoted value has more text after its closing quote ("). ${QUOTE_FIX}`;
    default:
      return UNCLOSED_QUOTE;
  }
}
