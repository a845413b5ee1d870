import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: session cookies and invitation links. */
export const newSecretToken = (): string => randomBytes(32).toString('base64url');

/** Only this is stored, so a database leak gives no usable session or link. */
export const hashSecretToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');
