import type { FileHandle } from 'node:fs/promises';

const LF = 0x0a;
const CR = 0x0d;
const CHUNK_BYTES = 64 * 1024;

export interface LineAt {
  /** The line's first `keepBytes` bytes, without the line break. */
  bytes: Buffer;
  /** Offset of the line after it, or null when it ends the file. */
  next: number | null;
}

/**
 * Reads the line `skipLines` line breaks after byte `start`. CRLF, LF and CR each end a line,
 * as they do for csv-parse with all three record delimiters.
 */
export async function readLineAt(
  file: FileHandle,
  start: number,
  skipLines: number,
  keepBytes: number,
): Promise<LineAt> {
  const chunk = Buffer.alloc(CHUNK_BYTES);
  const line = Buffer.alloc(keepBytes);
  let kept = 0;
  let skip = skipLines;
  let afterCR = false;
  let next: number | null = null;
  for (let position = start; ; position += CHUNK_BYTES) {
    const { bytesRead } = await file.read(chunk, 0, CHUNK_BYTES, position);
    if (bytesRead === 0) break;
    for (let i = 0; i < bytesRead; i++) {
      const byte = chunk[i];
      if (next !== null) {
        // The line has ended; a LF right after its CR is part of the same break.
        if (afterCR && byte === LF) next++;
        return { bytes: line.subarray(0, kept), next };
      }
      if (afterCR && byte === LF) {
        afterCR = false;
        continue;
      }
      afterCR = byte === CR;
      if (byte === LF || byte === CR) {
        if (skip === 0) next = position + i + 1;
        else skip--;
      } else if (skip === 0 && kept < keepBytes) {
        line[kept++] = byte;
      }
    }
    if (bytesRead < CHUNK_BYTES) break;
  }
  return { bytes: line.subarray(0, kept), next };
}
