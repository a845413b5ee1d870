import { extname } from 'node:path';

const MAX_NAME = 200;
/** What passes for an extension worth replacing (not "12.5" or "v2.final draft"). */
const EXTENSION = /^\.[a-z][a-z0-9]{0,9}$/i;

/**
 * A file name safe to store and to send back in Content-Disposition: the last path segment
 * only (no traversal), no control, invisible or bidi characters (U+202E would show
 * "x\u202Efdp.bat" as "xtab.pdf"), none Windows refuses, no leading dots, at most 200
 * characters with the extension kept.
 */
export function sanitizeFileName(raw: string): string {
  const last = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = last
    .normalize('NFC')
    // Controls, format characters (bidi overrides, zero-width, BOM), line/paragraph separators.
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}<>:"|?*]/gu, '')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+|[.\s]+$/g, '');
  if (!cleaned) return 'file';
  if (cleaned.length <= MAX_NAME) return cleaned;
  const ext = extname(cleaned).slice(0, 20);
  return cleaned.slice(0, MAX_NAME - ext.length) + ext;
}

/**
 * The name with an extension of its content's type: kept when it is one of `extensions`,
 * else replaced by (or given) the first, so a PDF called "x.html" is stored as "x.pdf".
 */
export function withExtension(name: string, extensions: string[]): string {
  const ext = extname(name);
  if (extensions.includes(ext.slice(1).toLowerCase())) return name;
  const base = EXTENSION.test(ext) ? name.slice(0, -ext.length) : name;
  return `${base.slice(0, MAX_NAME - 6)}.${extensions[0]}`;
}
