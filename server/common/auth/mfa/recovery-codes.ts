import { randomBytes } from 'node:crypto';
import { hashSecretToken } from '../../crypto/secret-token';

export const RECOVERY_CODE_COUNT = 10;
// Crockford's base32: no I, L, O or U to misread when typed from paper.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Ten codes of 80 random bits each, grouped `XXXX-XXXX-XXXX-XXXX`: enough that the stored
 * SHA-256 cannot be reversed by trying every code, so no slow hash is needed.
 */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = [...randomBytes(16)].map((b) => ALPHABET[b & 31]).join('');
    return chars.match(/.{4}/g)!.join('-');
  });
}

/** What is stored of a code: typed in any case, with or without dashes and spaces. */
export function recoveryCodeHash(code: string): string {
  return hashSecretToken(code.toUpperCase().replace(/[\s-]/g, ''));
}
