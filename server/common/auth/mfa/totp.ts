import { generateSecret, generateURI, verifySync } from 'otplib';
import { toString as qrSvg } from 'qrcode';

/** How far an authenticator's clock may be off: one 30-second step either way. */
const CLOCK_DRIFT_SECONDS = 30;

/** 160 random bits in base32, as authenticator apps expect (RFC 4226 recommends 160). */
export const newTotpSecret = (): string => generateSecret({ length: 20 });

/** The otpauth:// address an authenticator app reads from the QR code. */
export const totpUri = (issuer: string, account: string, secret: string): string =>
  generateURI({ issuer, label: account, secret });

/** The QR code of `uri` as an SVG data URL (no image request leaves the page). */
export async function qrCodeDataUrl(uri: string): Promise<string> {
  const svg = await qrSvg(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/**
 * The time step (RFC 6238 counter) that `code` belongs to, if it is right for `secret` now
 * (within the clock drift). The caller refuses a step already used: no code works twice.
 */
export function matchingTimeStep(secret: string, code: string): number | null {
  const result = verifySync({ secret, token: code, epochTolerance: CLOCK_DRIFT_SECONDS });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}
