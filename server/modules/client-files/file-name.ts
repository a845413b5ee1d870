import { extname } from 'node:path';

const MAX_NAME = 200;

/**
 * A file name safe to store and to send back in Content-Disposition: the last path segment
 * only (no traversal), no control or reserved characters, no leading dots, at most 200
 * characters with the extension kept.
 */
export function sanitizeFileName(raw: string): string {
  const last = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = last
    .normalize('NFC')
    // Control characters (C0 and DEL) and the ones Windows refuses in names.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+|[.\s]+$/g, '');
  if (!cleaned) return 'file';
  if (cleaned.length <= MAX_NAME) return cleaned;
  const ext = extname(cleaned).slice(0, 20);
  return cleaned.slice(0, MAX_NAME - ext.length) + ext;
}
