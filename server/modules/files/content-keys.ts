/** Where a content's object is in the store, by its SHA-256: sealed (encrypted) from now on. */
export const sealedContentKey = (sha256: string): string => `sealed/${legacyContentKey(sha256)}`;

/** Where content stored before encryption lies, as plaintext (DATA_DIR/files/ab/cd/<sha256>). */
export const legacyContentKey = (sha256: string): string =>
  `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
