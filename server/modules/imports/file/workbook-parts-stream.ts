import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import type { Entry, ZipFile } from 'yauzl';
import { openZip, readEntries, SHARED_STRINGS, WORKSHEET } from './zip-guard';

const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';

/** What ExcelJS reads before the sheets, in this order; an absent one is written empty. */
const HEAD_PARTS: ReadonlyArray<readonly [name: string, ifAbsent?: string]> = [
  [WORKBOOK_RELS, '<Relationships/>'],
  ['xl/workbook.xml'],
  ['xl/styles.xml'],
  [SHARED_STRINGS, '<sst/>'],
];

/**
 * The workbook as ExcelJS's streaming reader should see it: a zip of only the parts it reads,
 * the shared strings and workbook parts before the worksheets. ExcelJS copies every worksheet
 * that comes before the shared strings (Excel writes them last) to a temp file in the OS temp
 * folder, and removes it only once that sheet has been read to its end; here nothing is copied
 * anywhere. Each part's compressed bytes are passed through as they are, behind a local header
 * rebuilt from the central directory, which the zip guard has checked; a record hidden outside
 * that directory never reaches ExcelJS.
 */
export function workbookPartsStream(path: string): Readable {
  return Readable.from(parts(path), { objectMode: false });
}

async function* parts(path: string): AsyncGenerator<Buffer> {
  const zip = await openZip(path);
  try {
    const entries = await readEntries(zip);
    const byName = new Map(entries.map((entry) => [entry.fileName, entry]));
    for (const [name, ifAbsent] of HEAD_PARTS) {
      const entry = byName.get(name);
      if (entry) yield* packedRecord(zip, entry);
      else if (ifAbsent !== undefined) yield storedRecord(name, Buffer.from(ifAbsent));
    }
    for (const entry of entries) {
      if (WORKSHEET.test(entry.fileName)) yield* packedRecord(zip, entry);
    }
    yield END_OF_CENTRAL_DIRECTORY;
  } finally {
    zip.close();
  }
}

async function* packedRecord(zip: ZipFile, entry: Entry): AsyncGenerator<Buffer> {
  yield localHeader(entry.fileName, entry);
  const packed = await new Promise<Readable>((resolve, reject) => {
    zip.openReadStream(entry, { decompress: false }, (error, stream) =>
      error ? reject(error) : resolve(stream),
    );
  });
  for await (const chunk of packed) yield chunk as Buffer;
}

function storedRecord(name: string, data: Buffer): Buffer {
  const sizes = {
    compressionMethod: 0,
    crc32: crc32(data),
    compressedSize: data.length,
    uncompressedSize: data.length,
  };
  return Buffer.concat([localHeader(name, sizes), data]);
}

type RecordSizes = Pick<
  Entry,
  'compressionMethod' | 'crc32' | 'compressedSize' | 'uncompressedSize'
>;

/** Sizes up front (no data descriptor), UTF-8 name; the zip guard's limits keep them 32-bit. */
function localHeader(name: string, sizes: RecordSizes): Buffer {
  const fileName = Buffer.from(name);
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4); // version needed: 2.0, deflate
  header.writeUInt16LE(0x0800, 6); // name is UTF-8
  header.writeUInt16LE(sizes.compressionMethod, 8);
  header.writeUInt32LE(sizes.crc32 >>> 0, 14);
  header.writeUInt32LE(sizes.compressedSize, 18);
  header.writeUInt32LE(sizes.uncompressedSize, 22);
  header.writeUInt16LE(fileName.length, 26);
  return Buffer.concat([header, fileName]);
}

/** An empty central directory: the reader stops here. */
const END_OF_CENTRAL_DIRECTORY = (() => {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  return end;
})();
