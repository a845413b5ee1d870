import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import type { AuditEntry } from '../../common/audit/audit.service';

/**
 * Sends a stored file as a download: always an attachment, never sniffed or rendered by the
 * browser, with the name in both the plain and the RFC 5987 form. The content streams from
 * the store through this process, so only a request that passed authorization reaches it.
 */
export async function sendFileDownload(
  res: Response,
  file: { open: () => Promise<Readable>; name: string; contentType: string; size: number },
): Promise<void> {
  // Opened first: a missing or altered object is an error response, not a cut-off download.
  const body = await file.open();
  const ascii = file.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  res
    .setHeader('Content-Type', file.contentType)
    .setHeader('Content-Length', String(file.size))
    .setHeader('X-Content-Type-Options', 'nosniff')
    .setHeader(
      'Content-Disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    );
  await pipeline(body, res);
}

/** A download as the download handlers return it, for the audit trail. */
export interface DownloadedFile {
  id: string;
  clientId: string;
  name: string;
}

/** The audit event of a download, naming the file and which version was asked for. */
export const downloadEvent =
  (where: string) =>
  (f: DownloadedFile, req: Request): Omit<AuditEntry, 'action'> => ({
    summary: `Downloaded file ${f.name}${req.query.version ? ` (version ${String(req.query.version)})` : ''}${where}`,
    targetType: 'file',
    targetId: f.id,
    clientId: f.clientId,
  });
