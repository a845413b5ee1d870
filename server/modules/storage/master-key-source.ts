import { randomUUID } from 'node:crypto';
import { access, link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from '../../config/env.schema';
import { MasterKeyring, newMasterKey, parseMasterKey } from './master-keyring';

export type MasterKeyConfig = Pick<AppConfig, 'DATA_DIR'> &
  Partial<
    Pick<
      AppConfig,
      'STORAGE_MASTER_KEY' | 'STORAGE_MASTER_KEY_FILE' | 'STORAGE_PREVIOUS_MASTER_KEYS'
    >
  >;

/**
 * The master keys from configuration. With none given (local storage only: the schema asks
 * for one with S3), the key is kept in DATA_DIR beside the files it protects, created once;
 * the API and the worker sharing DATA_DIR read the same one.
 */
export async function loadMasterKeyring(config: MasterKeyConfig): Promise<MasterKeyring> {
  const previous = (config.STORAGE_PREVIOUS_MASTER_KEYS ?? []).map(decode);
  if (config.STORAGE_MASTER_KEY)
    return new MasterKeyring(decode(config.STORAGE_MASTER_KEY), previous);
  if (config.STORAGE_MASTER_KEY_FILE) {
    return new MasterKeyring(await readKeyFile(config.STORAGE_MASTER_KEY_FILE), previous);
  }
  const path = join(config.DATA_DIR, 'storage-master.key');
  await mkdir(config.DATA_DIR, { recursive: true });
  if (
    !(await access(path).then(
      () => true,
      () => false,
    ))
  )
    await createKeyFile(path);
  return new MasterKeyring(await readKeyFile(path), previous);
}

/**
 * Written aside, then linked in (which fails if one exists): of two processes starting
 * together, one creates it and both read that one, never a half-written file.
 */
async function createKeyFile(path: string): Promise<void> {
  const draft = `${path}.${process.pid}.${randomUUID()}`;
  await writeFile(draft, `${newMasterKey()}\n`, { mode: 0o600 });
  try {
    await link(draft, path).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
  } finally {
    await rm(draft, { force: true });
  }
}

async function readKeyFile(path: string): Promise<Buffer> {
  const key = parseMasterKey(await readFile(path, 'utf8'));
  if (typeof key === 'string') throw new Error(`The storage master key in ${path} ${key}`);
  return key;
}

function decode(base64: string): Buffer {
  return parseMasterKey(base64) as Buffer; // validated by the env schema
}
