import type { CookieOptions } from 'express';
import { hashSecretToken, newSecretToken } from '../crypto/secret-token';

export const SESSION_COOKIE = 'ch_session';
/** Marks a browser that signed in before: the sign-in throttle does not lock it out with strangers. */
export const DEVICE_COOKIE = 'ch_device';
export const DEVICE_COOKIE_MAX_AGE_MS = 365 * 24 * 3600_000;

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
