import { createCipheriv, createDecipheriv } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { ByteQueue } from './byte-queue';
import { WRAPPED_KEY_BYTES, type MasterKeyring } from './master-keyring';
import { StorageErrors } from './storage.errors';

/**
 * A sealed object: a header (magic, version, master key id, wrapped data key), then frames of
 * at most FRAME_BYTES of plaintext, each AES-256-GCM with its own tag. A frame's nonce is its
 * index plus a flag on the last frame, so a frame moved, dropped or cut off at the end fails
 * its tag, and each frame is checked before any of it is passed on.
 */
const MAGIC = Buffer.from('CHSEAL', 'latin1');
const VERSION = 1;
export const FRAME_BYTES = 64 * 1024;
const TAG_BYTES = 16;
const SEALED_FRAME = FRAME_BYTES + TAG_BYTES;
/** Magic, version, key id length; the key id and wrapped key follow. */
const FIXED_HEADER = MAGIC.length + 2;

export interface SealedHeader {
  keyId: string;
  wrappedKey: Buffer;
  /** The header's bytes, as they are in the object. */
  bytes: Buffer;
}

export function encodeHeader(keyId: string, wrappedKey: Buffer): Buffer {
  const id = Buffer.from(keyId, 'latin1');
  return Buffer.concat([MAGIC, Buffer.from([VERSION, id.length]), id, wrappedKey]);
}

/** The header at the start of `bytes`, or null while more bytes are needed. */
export function decodeHeader(bytes: Buffer): SealedHeader | null {
  if (bytes.length < FIXED_HEADER) return null;
  if (!bytes.subarray(0, MAGIC.length).equals(MAGIC) || bytes[MAGIC.length] !== VERSION) {
    throw integrity('it is not a sealed object');
  }
  const end = FIXED_HEADER + bytes[MAGIC.length + 1] + WRAPPED_KEY_BYTES;
  if (bytes.length < end) return null;
  return {
    keyId: bytes.subarray(FIXED_HEADER, end - WRAPPED_KEY_BYTES).toString('latin1'),
    wrappedKey: bytes.subarray(end - WRAPPED_KEY_BYTES, end),
    bytes: bytes.subarray(0, end),
  };
}

const integrity = (why: string) =>
  StorageErrors.STORAGE_INTEGRITY(`Stored object failed its integrity check: ${why}`);

function nonce(index: number, last: boolean): Buffer {
  const iv = Buffer.alloc(12);
  iv[0] = last ? 1 : 0;
  iv.writeBigUInt64BE(BigInt(index), 4);
  return iv;
}

/** Encrypts a plaintext stream into a sealed object under a fresh data key. */
export function sealStream(keyring: MasterKeyring): Transform {
  const dataKey = keyring.newDataKey();
  const header = encodeHeader(keyring.currentId, keyring.wrap(dataKey));
  const pending = new ByteQueue();
  let index = 0;
  // Pushed as the cipher gives them: joining them would copy every frame once more.
  function pushFrame(stream: Transform, plain: Buffer, last: boolean): void {
    const cipher = createCipheriv('aes-256-gcm', dataKey, nonce(index++, last));
    stream.push(cipher.update(plain));
    const rest = cipher.final();
    if (rest.length) stream.push(rest);
    stream.push(cipher.getAuthTag());
  }
  return new Transform({
    construct(callback) {
      this.push(header);
      callback();
    },
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      pending.push(chunk);
      while (pending.length >= FRAME_BYTES) pushFrame(this, pending.take(FRAME_BYTES), false);
      callback();
    },
    flush(callback: TransformCallback) {
      // Always a last frame (empty when the plaintext fills whole frames): its flag marks the end.
      pushFrame(this, pending.take(pending.length), true);
      callback();
    },
  });
}

/** Decrypts a sealed object, failing on the first frame that does not authenticate. */
export function openStream(keyring: MasterKeyring): Transform {
  const pending = new ByteQueue();
  let dataKey: Buffer | undefined;
  let index = 0;
  const frame = (sealed: Buffer, last: boolean) => {
    try {
      const decipher = createDecipheriv('aes-256-gcm', dataKey!, nonce(index++, last));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      const plain = decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES));
      const rest = decipher.final();
      return rest.length ? Buffer.concat([plain, rest]) : plain;
    } catch {
      throw integrity(`frame ${index - 1} was altered, moved or cut off`);
    }
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      try {
        pending.push(chunk);
        if (!dataKey) {
          const header = decodeHeader(pending.peek());
          if (!header) return callback();
          dataKey = keyring.unwrap(header.keyId, header.wrappedKey);
          pending.take(header.bytes.length);
        }
        // A full frame with more after it is not the last one.
        while (pending.length > SEALED_FRAME) this.push(frame(pending.take(SEALED_FRAME), false));
        callback();
      } catch (e) {
        callback(e as Error);
      }
    },
    flush(callback: TransformCallback) {
      if (!dataKey) return callback(integrity('it ends inside its header'));
      if (pending.length < TAG_BYTES) return callback(integrity('it was cut off'));
      try {
        callback(null, frame(pending.take(pending.length), true));
      } catch (e) {
        callback(e as Error);
      }
    },
  });
}
