import type { CookieOptions } from 'express';
import { hashSecretToken, newSecretToken } from '../crypto/secret-token';

export const SESSION_COOKIE = 'ch_session';

export const newSessionToken = newSecretToken;
export const hashToken = hashSecretToken;

export function sessionCookieOptions(publicUrl: string, maxAgeMs: number): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: publicUrl.startsWith('https://'),
    path: '/',
    maxAge: maxAgeMs,
  };
}
