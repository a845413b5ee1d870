import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { StorageErrors } from './storage.errors';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** A data key wrapped by a master key: IV, encrypted key, GCM tag. */
export const WRAPPED_KEY_BYTES = IV_BYTES + KEY_BYTES + TAG_BYTES;

/** A master key's public name, stored with every data key it wraps; it reveals nothing of the key. */
export const masterKeyId = (key: Buffer): string =>
  createHash('sha256')
    .update('client-hub storage master key\0')
    .update(key)
    .digest('hex')
    .slice(0, 16);

/** Decodes a base64 master key, or says what is wrong with it. */
export function parseMasterKey(base64: string): Buffer | string {
  const key = Buffer.from(base64.trim(), 'base64');
  return key.length === KEY_BYTES
    ? key
    : `must be ${KEY_BYTES} bytes in base64 (openssl rand -base64 32)`;
}

export const newMasterKey = (): string => randomBytes(KEY_BYTES).toString('base64');

/**
 * The master key new data keys are wrapped with, and the earlier ones still accepted while
 * stored data keys are re-wrapped after a rotation.
 */
export class MasterKeyring {
  readonly currentId: string;
  private readonly keys = new Map<string, Buffer>();

  constructor(current: Buffer, previous: Buffer[] = []) {
    this.currentId = masterKeyId(current);
    for (const key of [current, ...previous]) this.keys.set(masterKeyId(key), key);
  }

  newDataKey(): Buffer {
    return randomBytes(KEY_BYTES);
  }

  /** Wraps a data key with the current master key; the key id is authenticated with it. */
  wrap(dataKey: Buffer): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentId)!, iv);
    cipher.setAAD(Buffer.from(this.currentId));
    const sealed = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return Buffer.concat([iv, sealed, cipher.getAuthTag()]);
  }

  unwrap(keyId: string, wrapped: Buffer): Buffer {
    const master = this.keys.get(keyId);
    if (!master) {
      throw StorageErrors.STORAGE_UNKNOWN_MASTER_KEY(
        `Stored data key is wrapped by master key ${keyId}, which is not configured (set it in STORAGE_PREVIOUS_MASTER_KEYS)`,
      );
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', master, wrapped.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(keyId));
      decipher.setAuthTag(wrapped.subarray(IV_BYTES + KEY_BYTES));
      return Buffer.concat([
        decipher.update(wrapped.subarray(IV_BYTES, IV_BYTES + KEY_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw StorageErrors.STORAGE_INTEGRITY(
        'Stored data key failed its integrity check (the object was altered)',
      );
    }
  }
}
