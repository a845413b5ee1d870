/**
 * Counters fed the unpacked bytes of one workbook part, chunk by chunk, by the zip guard. They
 * estimate what reading the part will hold in memory, which the part's size alone does not
 * tell: ExcelJS keeps every shared string for the whole read, and builds each row whole.
 */
export interface PartMeter {
  add(chunk: Buffer): void;
}

/** Lead bytes of UTF-8 characters past U+00FF: V8 then stores the text at two bytes a char. */
const WIDE_LEAD_BYTE = /[\xc4-\xff]/;

/**
 * Bytes ExcelJS's shared-strings cache holds, from measurements on Node 22: a string costs about
 * 48 bytes besides its text (longer ones are slices that keep their whole parsed chunk, markup
 * included, alive, so the part's size is the text's), and a rich-text run about 320 (an object
 * with its font).
 */
export const BYTES_PER_SHARED_STRING = 48;
export const BYTES_PER_RICH_TEXT_RUN = 320;

/**
 * Finds tags by name across chunk edges: each chunk is searched together with the last bytes
 * of the one before, and a tag already seen there is not reported again.
 */
class TagScanner {
  private readonly needles: Buffer[];
  private readonly keep: number;
  private tail = Buffer.alloc(0);
  /** Where the chunk being scanned starts in the part (data[0] is at offset - tail). */
  private offset = 0;

  constructor(names: string[]) {
    this.needles = names.map((name) => Buffer.from(`<${name}`));
    this.keep = Math.max(...this.needles.map((needle) => needle.length));
  }

  /** Calls found with the part offset and name index of each new tag in this chunk, in order. */
  scan(chunk: Buffer, found: (at: number, name: number) => void): void {
    const data = this.tail.length ? Buffer.concat([this.tail, chunk]) : chunk;
    const base = this.offset - this.tail.length;
    const hits: Array<[at: number, name: number]> = [];
    this.needles.forEach((needle, name) => {
      for (let at = data.indexOf(needle); at !== -1; at = data.indexOf(needle, at + 1)) {
        const end = at + needle.length;
        if (end >= data.length) break; // the name may go on in the next chunk
        if (end >= this.tail.length && isNameEnd(data[end])) hits.push([base + at, name]);
      }
    });
    hits.sort((a, b) => a[0] - b[0]);
    for (const [at, name] of hits) found(at, name);
    this.offset += chunk.length;
    this.tail = Buffer.from(data.subarray(Math.max(0, data.length - this.keep)));
  }

  /** Bytes of the part scanned so far. */
  get scanned(): number {
    return this.offset;
  }
}

/** Counts the <si> strings and <r> runs of sharedStrings.xml, and its one- and two-byte text. */
export class SharedStringsMeter implements PartMeter {
  private readonly tags = new TagScanner(['si', 'r']);
  private wideBytes = 0;
  private strings = 0;
  private runs = 0;

  add(chunk: Buffer): void {
    if (WIDE_LEAD_BYTE.test(chunk.toString('latin1'))) this.wideBytes += chunk.length;
    this.tags.scan(chunk, (_, name) => (name === 0 ? this.strings++ : this.runs++));
  }

  get estimatedBytes(): number {
    return (
      this.tags.scanned +
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
  private readonly tags = new TagScanner(['row', '/sheetData']);
  private rowStart = -1;
  largestRowBytes = 0;

  add(chunk: Buffer): void {
    this.tags.scan(chunk, (at, name) => {
      if (this.rowStart >= 0) this.grow(at);
      this.rowStart = name === 0 ? at : -1;
    });
    if (this.rowStart >= 0) this.grow(this.tags.scanned);
  }

  private grow(end: number): void {
    this.largestRowBytes = Math.max(this.largestRowBytes, end - this.rowStart);
  }
}

/** What may follow a tag's name: its end, a space before attributes, or a self-closing slash. */
function isNameEnd(byte: number): boolean {
  return (
    byte === 0x3e ||
    byte === 0x2f ||
    byte === 0x20 ||
    byte === 0x09 ||
    byte === 0x0a ||
    byte === 0x0d
  );
}
