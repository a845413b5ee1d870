import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import { Workbook, type CellValue } from 'exceljs';
import {
  openImportFile,
  type ImportFileReader,
  type ParsedRow,
} from '@server/modules/imports/file/import-file-reader';
import { ImportFileError } from '@server/modules/imports/file/import-file.error';

/** A temp folder per spec file; every fixture is generated into it. */
export function fixtureDir() {
  let dir = '';
  let n = 0;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'client-hub-import-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  return {
    async write(name: string, content: string | Buffer): Promise<string> {
      const path = join(dir, `${++n}-${name}`);
      await writeFile(path, content);
      return path;
    },
    path: (name: string) => join(dir, `${++n}-${name}`),
  };
}

export async function readAll(reader: ImportFileReader): Promise<ParsedRow[]> {
  const rows: ParsedRow[] = [];
  for await (const row of reader.rows()) rows.push(row);
  return rows;
}

export async function openRows(path: string, maxRows = 1000) {
  const reader = await openImportFile(path, { maxRows });
  return { reader, rows: await readAll(reader) };
}

export async function fileErrorOf(work: Promise<unknown>): Promise<ImportFileError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof ImportFileError) return error;
  throw new Error(`expected an ImportFileError, got ${String(error)}`);
}

/** An .xlsx with these rows on its first sheet, written by ExcelJS. */
export async function xlsxBuffer(rows: CellValue[][], sheetName = 'Clients'): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  rows.forEach((values, i) => {
    if (values.length) sheet.getRow(i + 1).values = values;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Two inline-string sheets whose first tab ("Clients": Company, Acme, Initech) is the second
 * sheet in the zip, after "Notes"; no shared strings, so ExcelJS spools both to temp files.
 */
export function firstTabSecondXlsx(): Buffer {
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const sheet = (rows: string[]) =>
    `<worksheet ${ns}><sheetData>${rows
      .map(
        (text, i) =>
          `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${text}</t></is></c></row>`,
      )
      .join('')}</sheetData></worksheet>`;
  return zipFile([
    zipEntry(
      'xl/workbook.xml',
      `<workbook ${ns} xmlns:r="${rel}"><sheets><sheet name="Clients" sheetId="2" r:id="rId2"/><sheet name="Notes" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    zipEntry(
      'xl/_rels/workbook.xml.rels',
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/worksheet" Target="worksheets/sheet2.xml"/></Relationships>`,
    ),
    zipEntry('xl/worksheets/sheet1.xml', sheet(['Notes', 'not a client'])),
    zipEntry('xl/worksheets/sheet2.xml', sheet(['Company', 'Acme', 'Initech'])),
    zipEntry('docProps/app.xml', '<Properties/>'),
  ]);
}

export interface ZipEntry {
  name: string;
  packed: Buffer;
  size: number;
  crc: number;
}

export function zipEntry(name: string, content: string): ZipEntry {
  const data = Buffer.from(content);
  return { name, packed: deflateRawSync(data), size: data.length, crc: crc32(data) };
}

/** `size` bytes of zeros, deflated in 1 MiB steps: a real zip bomb entry of a few hundred KB. */
export function zerosEntry(name: string, size: number): Promise<ZipEntry> {
  const zeros = Buffer.alloc(1024 * 1024);
  return deflatedEntry(
    name,
    (function* () {
      for (let left = size; left > 0; left -= zeros.length) {
        yield zeros.subarray(0, Math.min(left, zeros.length));
      }
    })(),
  );
}

/** An entry deflated chunk by chunk, so its unpacked content is never whole in memory. */
export async function deflatedEntry(name: string, chunks: Iterable<Buffer>): Promise<ZipEntry> {
  const deflate = createDeflateRaw({ level: 6 });
  const packed: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => packed.push(chunk));
  let crc = 0;
  let size = 0;
  for (const chunk of chunks) {
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  await new Promise((resolve) => deflate.once('end', resolve).end()); // its last data came
  return { name, packed: Buffer.concat(packed), size, crc };
}

const SPREADSHEET_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

/**
 * A workbook shaped like a real one whose sharedStrings.xml holds about `unpackedBytes` of
 * distinct strings ("Client #123") and packs about 12:1, so the file stays inside
 * the zip limits (ratio and size) while its shared strings fill the heap of whoever reads it.
 * The first sheet is a header and one client, written after the shared strings like Excel does.
 */
export async function heavySharedStringsXlsx(unpackedBytes: number): Promise<Buffer> {
  const strings = (function* () {
    yield Buffer.from(`<sst ${SPREADSHEET_NS}>`);
    const batch: string[] = [];
    for (let i = 0, size = 0; size < unpackedBytes; i++) {
      const si = `<si><t>Client #${i}</t></si>`;
      batch.push(si);
      size += si.length;
      if (batch.length === 10_000) yield Buffer.from(batch.splice(0).join(''));
    }
    yield Buffer.from(`${batch.join('')}</sst>`);
  })();
  const header = ['First Name', 'Last Name', 'Email'];
  const cells = (row: number, values: string[]) =>
    values
      .map((v, i) => `<c r="${'ABC'[i]}${row}" t="inlineStr"><is><t>${v}</t></is></c>`)
      .join('');
  return zipFile([
    ...workbookParts(),
    zipEntry(
      'xl/worksheets/sheet1.xml',
      `<worksheet ${SPREADSHEET_NS}><sheetData><row r="1">${cells(1, header)}</row><row r="2">${cells(2, ['Ada', 'Lovelace', 'ada@example.com'])}<c r="D2" t="s"><v>0</v></c></row></sheetData></worksheet>`,
    ),
    await deflatedEntry('xl/sharedStrings.xml', strings),
  ]);
}

/** workbook.xml and its rels for one sheet, "Clients". */
function workbookParts(): ZipEntry[] {
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return [
    zipEntry(
      'xl/workbook.xml',
      `<workbook ${SPREADSHEET_NS} xmlns:r="${rel}"><sheets><sheet name="Clients" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    zipEntry(
      'xl/_rels/workbook.xml.rels',
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
  ];
}

/** A minimal zip (deflate, no zip64) from entries whose sizes may lie. */
export function zipFile(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.packed.length, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(entry.crc >>> 0, 16);
    central.writeUInt32LE(entry.packed.length, 20);
    central.writeUInt32LE(entry.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.packed);
    centrals.push(central, name);
    offset += local.length + name.length + entry.packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
