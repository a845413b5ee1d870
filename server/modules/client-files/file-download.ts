import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';

/**
 * Sends a stored file as a download: always an attachment, never sniffed or rendered by the
 * browser, with the name in both the plain and the RFC 5987 form.
 */
export async function sendFileDownload(
  res: Response,
  file: { path: string; name: string; contentType: string; size: number },
): Promise<void> {
  const ascii = file.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  res
    .setHeader('Content-Type', file.contentType)
    .setHeader('Content-Length', String(file.size))
    .setHeader('X-Content-Type-Options', 'nosniff')
    .setHeader(
      'Content-Disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    );
  await pipeline(createReadStream(file.path), res);
}
