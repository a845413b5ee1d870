import { open } from 'node:fs/promises';

const LF = 0x0a;
const CR = 0x0d;
const CHUNK_BYTES = 16 * 1024;

export interface LineAt {
  /** The line's first `keepBytes` bytes, without the line break. */
  bytes: Buffer;
  /** Offset of the next line, or null when the line ends the file. */
  next: number | null;
}

/** Reads the line that starts at `offset`; CRLF, LF and CR all end a line. */
export async function readLineAt(path: string, offset: number, keepBytes: number): Promise<LineAt> {
  const file = await open(path, 'r');
  try {
    const chunk = Buffer.alloc(CHUNK_BYTES);
    const kept: Buffer[] = [];
    let keptBytes = 0;
    for (let position = offset; ;) {
      const { bytesRead } = await file.read(chunk, 0, CHUNK_BYTES, position);
      if (bytesRead === 0) return { bytes: Buffer.concat(kept), next: null };
      const data = chunk.subarray(0, bytesRead);
      const end = data.findIndex((b) => b === LF || b === CR);
      const line = end === -1 ? data : data.subarray(0, end);
      if (keptBytes < keepBytes) {
        // Copied: `chunk` is reused by the next read.
        kept.push(Buffer.from(line.subarray(0, keepBytes - keptBytes)));
        keptBytes += kept[kept.length - 1].length;
      }
      if (end === -1) {
        position += bytesRead;
        continue;
      }
      let next = position + end + 1;
      if (data[end] === CR) {
        const { bytesRead: more } = await file.read(chunk, 0, 1, next);
        if (more === 1 && chunk[0] === LF) next++;
      }
      return { bytes: Buffer.concat(kept), next };
    }
  } finally {
    await file.close();
  }
}
