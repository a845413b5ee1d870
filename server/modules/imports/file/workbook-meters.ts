/**
 * Counters fed the unpacked bytes of one workbook part, chunk by chunk, by the zip guard. They
 * estimate what reading the part will hold in memory, which the part's size alone does not
 * tell: ExcelJS keeps every shared string for the whole read, and builds each row whole.
 */
export interface PartMeter {
  add(chunk: Buffer): void;
}

const LT = 0x3c; // <
/** Lead bytes of UTF-8 characters past U+00FF: V8 then stores the text at two bytes a char. */
const FIRST_WIDE_LEAD_BYTE = 0xc4;

/**
 * Bytes ExcelJS's shared-strings cache holds, from measurements on Node 22: a string costs about
 * 48 bytes besides its text (longer ones are slices that keep their whole parsed chunk, markup
 * included, alive, so the part's size is the text's), and a rich-text run about 320 (an object
 * with its font).
 */
export const BYTES_PER_SHARED_STRING = 48;
export const BYTES_PER_RICH_TEXT_RUN = 320;

/** Counts the <si> strings and <r> runs of sharedStrings.xml, and its one- and two-byte text. */
export class SharedStringsMeter implements PartMeter {
  private bytes = 0;
  private wideBytes = 0;
  private strings = 0;
  private runs = 0;
  private tail: Buffer = Buffer.alloc(0);

  add(chunk: Buffer): void {
    this.bytes += chunk.length;
    if (hasWideChar(chunk)) this.wideBytes += chunk.length;
    // A tag split between chunks is matched with the few bytes kept from the previous one.
    const data = this.tail.length ? Buffer.concat([this.tail, chunk]) : chunk;
    let at = data.indexOf(LT);
    for (; at !== -1 && at + 3 < data.length; at = data.indexOf(LT, at + 1)) {
      if (isTag(data, at, 'si')) this.strings++;
      else if (isTag(data, at, 'r')) this.runs++;
    }
    this.tail = at === -1 ? Buffer.alloc(0) : Buffer.from(data.subarray(at));
  }

  get estimatedBytes(): number {
    return (
      this.bytes +
      this.wideBytes +
      this.strings * BYTES_PER_SHARED_STRING +
      this.runs * BYTES_PER_RICH_TEXT_RUN
    );
  }
}

/**
 * The largest row of a worksheet, in bytes from one <row> to the next (or to </sheetData>):
 * ExcelJS builds a whole row before it hands it over. Empty rows may be written <row/>.
 */
export class LargestRowMeter implements PartMeter {
  private offset = 0;
  private rowStart = -1;
  private tail: Buffer = Buffer.alloc(0);
  largestRowBytes = 0;

  add(chunk: Buffer): void {
    const data = this.tail.length ? Buffer.concat([this.tail, chunk]) : chunk;
    const base = this.offset - this.tail.length;
    let at = data.indexOf(LT);
    for (; at !== -1 && at + 11 < data.length; at = data.indexOf(LT, at + 1)) {
      const row = isTag(data, at, 'row');
      if (!row && !isTag(data, at, '/sheetData')) continue;
      if (this.rowStart >= 0) this.grow(base + at);
      this.rowStart = row ? base + at : -1;
    }
    if (this.rowStart >= 0) this.grow(base + data.length);
    this.offset += chunk.length;
    this.tail = at === -1 ? Buffer.alloc(0) : Buffer.from(data.subarray(at));
  }

  private grow(end: number): void {
    this.largestRowBytes = Math.max(this.largestRowBytes, end - this.rowStart);
  }
}

/** `<name` at `at`, followed by the end of the tag name. */
function isTag(data: Buffer, at: number, name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    if (data[at + 1 + i] !== name.charCodeAt(i)) return false;
  }
  const next = data[at + 1 + name.length];
  return (
    next === 0x3e ||
    next === 0x2f ||
    next === 0x20 ||
    next === 0x09 ||
    next === 0x0a ||
    next === 0x0d
  );
}

function hasWideChar(chunk: Buffer): boolean {
  for (const byte of chunk) if (byte >= FIRST_WIDE_LEAD_BYTE) return true;
  return false;
}
