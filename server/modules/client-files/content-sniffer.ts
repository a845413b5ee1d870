/** What a client may keep in their workspace, told by the first bytes, never by the name. */
export interface SniffedType {
  contentType: string;
  what: string;
}

const starts = (head: Buffer, bytes: number[] | string, at = 0) => {
  const magic = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
  return head.length >= at + magic.length && head.subarray(at, at + magic.length).equals(magic);
};

const ALLOWED: ((head: Buffer) => SniffedType | undefined)[] = [
  (h) => (starts(h, '%PDF-') ? { contentType: 'application/pdf', what: 'PDF' } : undefined),
  (h) =>
    starts(h, [0x89, 0x50, 0x4e, 0x47])
      ? { contentType: 'image/png', what: 'PNG image' }
      : undefined,
  (h) =>
    starts(h, [0xff, 0xd8, 0xff]) ? { contentType: 'image/jpeg', what: 'JPEG image' } : undefined,
  (h) => (starts(h, 'GIF8') ? { contentType: 'image/gif', what: 'GIF image' } : undefined),
  (h) =>
    starts(h, 'RIFF') && starts(h, 'WEBP', 8)
      ? { contentType: 'image/webp', what: 'WebP image' }
      : undefined,
  (h) =>
    starts(h, 'II*\0') || starts(h, 'MM\0*')
      ? { contentType: 'image/tiff', what: 'TIFF image' }
      : undefined,
  (h) =>
    starts(h, 'ftyp', 4) && /^(heic|heix|mif1|msf1)$/.test(h.subarray(8, 12).toString('latin1'))
      ? { contentType: 'image/heic', what: 'HEIC photo' }
      : undefined,
  // Word, Excel and PowerPoint files are zips whose first part lists their content types.
  (h) =>
    starts(h, 'PK\x03\x04') && h.includes('[Content_Types].xml')
      ? { contentType: 'application/vnd.openxmlformats-officedocument', what: 'Office document' }
      : undefined,
  (h) =>
    starts(h, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
      ? { contentType: 'application/x-ole-storage', what: 'Office 97-2003 document' }
      : undefined,
];

const MARKUP = /^\s*<(!doctype|html|svg|script|\?xml)/i;

/**
 * The type of an upload from its first bytes (at least 4 KB when the file has them), or the
 * reason it is refused. Plain text (CSV, TXT) is accepted when it is valid UTF-8 with no NUL;
 * HTML, SVG and XML are refused, as are executables, archives and anything unknown.
 */
export function sniffContent(head: Buffer): SniffedType | { refused: string } {
  if (!head.length) return { refused: 'the file is empty' };
  for (const test of ALLOWED) {
    const found = test(head);
    if (found) return found;
  }
  if (starts(head, 'PK\x03\x04'))
    return { refused: 'zip archives are not accepted; upload the files inside' };
  if (starts(head, 'MZ') || starts(head, '\x7fELF'))
    return { refused: 'programs are not accepted' };
  const text = head.subarray(0, Math.min(head.length, 4096));
  if (!text.includes(0) && isUtf8(text)) {
    if (MARKUP.test(text.toString('utf8'))) {
      return { refused: 'web pages, SVG and XML files are not accepted; save it as PDF' };
    }
    return { contentType: 'text/plain; charset=utf-8', what: 'text' };
  }
  return {
    refused: 'this kind of file is not accepted (PDF, images, Office documents and plain text are)',
  };
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
