import { open } from 'node:fs/promises';
import { zipEntryNames } from './zip-entry-names';

/** What a client may keep in their workspace, told by the content, never by the name. */
export interface SniffedType {
  contentType: string;
  what: string;
  /** The extensions a file of this type may have; the first is given to any other name. */
  extensions: string[];
}

export type SniffResult = SniffedType | { refused: string };

const HEAD_BYTES = 4100;

const starts = (head: Buffer, bytes: number[] | string, at = 0) => {
  const magic = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
  return head.length >= at + magic.length && head.subarray(at, at + magic.length).equals(magic);
};

const type = (contentType: string, what: string, ...extensions: string[]): SniffedType => ({
  contentType,
  what,
  extensions,
});

const BINARY: [(head: Buffer) => boolean, SniffedType][] = [
  [(h) => starts(h, '%PDF-'), type('application/pdf', 'PDF', 'pdf')],
  [(h) => starts(h, [0x89, 0x50, 0x4e, 0x47]), type('image/png', 'PNG image', 'png')],
  [(h) => starts(h, [0xff, 0xd8, 0xff]), type('image/jpeg', 'JPEG image', 'jpg', 'jpeg')],
  [(h) => starts(h, 'GIF8'), type('image/gif', 'GIF image', 'gif')],
  [(h) => starts(h, 'RIFF') && starts(h, 'WEBP', 8), type('image/webp', 'WebP image', 'webp')],
  [
    (h) => starts(h, 'II*\0') || starts(h, 'MM\0*'),
    type('image/tiff', 'TIFF image', 'tif', 'tiff'),
  ],
  [
    (h) =>
      starts(h, 'ftyp', 4) && /^(heic|heix|mif1|msf1)$/.test(h.subarray(8, 12).toString('latin1')),
    type('image/heic', 'HEIC photo', 'heic', 'heif'),
  ],
  [
    (h) => starts(h, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    type('application/x-ole-storage', 'Office 97-2003 document', 'doc', 'xls', 'ppt', 'msg'),
  ],
];

const OOXML = 'application/vnd.openxmlformats-officedocument';
/** Word, Excel and PowerPoint files: zips with a content-types part and their main part. */
const OFFICE_PARTS: [part: string, SniffedType][] = [
  ['word/document.xml', type(`${OOXML}.wordprocessingml.document`, 'Word document', 'docx')],
  ['xl/workbook.xml', type(`${OOXML}.spreadsheetml.sheet`, 'Excel workbook', 'xlsx')],
  ['ppt/presentation.xml', type(`${OOXML}.presentationml.presentation`, 'PowerPoint', 'pptx')],
];

const TEXT = type('text/plain; charset=utf-8', 'text', 'txt', 'csv', 'tsv');

const PROGRAMS = [
  'MZ',
  '\x7fELF',
  [0xfe, 0xed, 0xfa],
  [0xcf, 0xfa, 0xed, 0xfe],
  [0xca, 0xfe, 0xba],
];
/** Markup a browser or viewer would render, wherever it sits in the probe. */
const MARKUP_TAG = /<(!doctype|html|head|body|script|svg|iframe|object|embed|\?xml)[\s>/]/i;

const refused = (refused: string) => ({ refused });

/**
 * The type of an upload from its content, or the reason it is refused. Plain text (CSV, TXT)
 * is accepted when it is valid UTF-8 with no NUL; markup (HTML, SVG, XML, even behind a BOM,
 * whitespace or a comment), scripts, programs, archives and anything unknown are refused.
 */
export async function sniffUpload(path: string): Promise<SniffResult> {
  const head = await readHead(path);
  if (!head.length) return refused('the file is empty');
  const binary = BINARY.find(([test]) => test(head));
  if (binary) return binary[1];
  if (starts(head, 'PK\x03\x04')) return sniffZip(path);
  if (PROGRAMS.some((magic) => starts(head, magic))) return refused('programs are not accepted');
  const text = head.subarray(0, Math.min(head.length, HEAD_BYTES));
  if (text.includes(0) || !isUtf8(text)) {
    return refused(
      'this kind of file is not accepted (PDF, images, Office documents and plain text are)',
    );
  }
  const body = text.toString('utf8').replace(/^[\ufeff\s]+/, '');
  if (body.startsWith('<') || MARKUP_TAG.test(body)) {
    return refused('web pages, SVG and XML files are not accepted; save it as PDF');
  }
  if (body.startsWith('#!')) return refused('scripts are not accepted');
  return TEXT;
}

/** An Office document by its parts (from the zip's central directory); any other zip is refused. */
async function sniffZip(path: string): Promise<SniffResult> {
  const names = (await zipEntryNames(path)) ?? [];
  const parts = new Set(names);
  const office = OFFICE_PARTS.find(([main]) => parts.has(main));
  if (!office || !parts.has('[Content_Types].xml')) {
    return refused('zip archives are not accepted; upload the files inside');
  }
  if (names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n))) {
    return refused('Office documents with macros are not accepted; save it without macros');
  }
  return office[1];
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Valid UTF-8, allowing a character cut off at the end of the probe. */
function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, trimPartial(bytes)));
    return true;
  } catch {
    return false;
  }
}

function trimPartial(bytes: Buffer): number {
  const end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = bytes[end - back];
    if ((byte & 0xc0) === 0xc0) return end - back; // a lead byte whose tail was cut off
    if ((byte & 0xc0) !== 0x80) break;
  }
  return end;
}
