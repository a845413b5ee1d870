import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMasterKeyring } from '../../server/modules/storage/master-key-source';
import { masterKeyId } from '../../server/modules/storage/master-keyring';

describe('master key source', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'master-key-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('generates one key in DATA_DIR for every process starting together, and keeps it', async () => {
    const rings = await Promise.all(
      Array.from({ length: 8 }, () => loadMasterKeyring({ DATA_DIR: dir })),
    );
    expect(new Set(rings.map((r) => r.currentId)).size).toBe(1);
    expect((await loadMasterKeyring({ DATA_DIR: dir })).currentId).toBe(rings[0].currentId);
    expect(await readdir(dir)).toEqual(['storage-master.key']);
    expect((await stat(join(dir, 'storage-master.key'))).mode & 0o077).toBe(0);
  });

  it('takes a configured key and earlier ones, and generates nothing', async () => {
    const current = randomBytes(32);
    const old = randomBytes(32);
    const ring = await loadMasterKeyring({
      DATA_DIR: dir,
      STORAGE_MASTER_KEY: current.toString('base64'),
      STORAGE_PREVIOUS_MASTER_KEYS: [old.toString('base64')],
    });
    expect(ring.currentId).toBe(masterKeyId(current));
    expect(() => ring.unwrap(masterKeyId(old), Buffer.alloc(60))).toThrow(/integrity/);
    expect(await readdir(dir)).toEqual([]);
  });
});
