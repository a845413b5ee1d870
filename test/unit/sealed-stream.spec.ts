import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MasterKeyring } from '../../server/modules/storage/master-keyring';
import { FRAME_BYTES, openStream, sealStream } from '../../server/modules/storage/sealed-stream';

const keyring = new MasterKeyring(randomBytes(32));
const HEADER = 6 + 2 + 16 + 60;
const SEALED_FRAME = FRAME_BYTES + 16;

async function collect(source: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Splits a buffer into chunks of awkward sizes, as a network delivers them. */
const chunked = (bytes: Buffer, size = 7_001) =>
  Readable.from(
    Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) =>
      bytes.subarray(i * size, (i + 1) * size),
    ),
  );

const seal = (plain: Buffer, ring = keyring) => collect(chunked(plain).pipe(sealStream(ring)));
const open = async (sealed: Buffer, ring = keyring) => {
  const out = openStream(ring);
  const [plain] = await Promise.all([collect(out), pipeline(chunked(sealed, 5_003), out)]);
  return plain;
};

describe('sealed stream', () => {
  it.each([0, 1, FRAME_BYTES - 1, FRAME_BYTES, 3 * FRAME_BYTES + 17])(
    'round-trips %i bytes, and the store never sees them',
    async (size) => {
      const plain = randomBytes(size);
      const sealed = await seal(plain);
      expect(sealed.length).toBe(HEADER + size + 16 * (Math.floor(size / FRAME_BYTES) + 1));
      if (size >= 32) expect(sealed.includes(plain.subarray(0, 32))).toBe(false);
      expect((await open(sealed)).equals(plain)).toBe(true);
    },
  );

  it('gives each object its own data key: equal content, different bytes', async () => {
    const plain = Buffer.from('the same tax return');
    expect((await seal(plain)).equals(await seal(plain))).toBe(false);
  });

  describe('fails clearly on an object that was', () => {
    const plain = randomBytes(3 * FRAME_BYTES + 100);
    let sealed: Buffer;
    beforeAll(async () => {
      sealed = await seal(plain);
    });
    const frame = (i: number) =>
      sealed.subarray(HEADER + i * SEALED_FRAME, HEADER + (i + 1) * SEALED_FRAME);
    const fails = (bytes: Buffer) =>
      expect(open(bytes)).rejects.toMatchObject({ code: 'STORAGE_INTEGRITY' });

    it('tampered with (one bit of one frame)', async () => {
      const bad = Buffer.from(sealed);
      bad[HEADER + SEALED_FRAME + 10] ^= 1;
      await fails(bad);
    });

    it('reordered (two frames swapped)', async () => {
      await fails(
        Buffer.concat([
          sealed.subarray(0, HEADER),
          frame(1),
          frame(0),
          sealed.subarray(HEADER + 2 * SEALED_FRAME),
        ]),
      );
    });

    it('truncated at a frame boundary, inside a frame, or inside the header', async () => {
      await fails(sealed.subarray(0, HEADER + 3 * SEALED_FRAME));
      await fails(sealed.subarray(0, sealed.length - 5));
      await fails(sealed.subarray(0, HEADER - 3));
    });

    it('extended past its last frame', async () => {
      await fails(Buffer.concat([sealed, frame(0)]));
    });

    it('given another wrapped key (the header was swapped)', async () => {
      const other = await seal(plain);
      await fails(Buffer.concat([other.subarray(0, HEADER), sealed.subarray(HEADER)]));
    });

    it('sealed under a master key that is not configured', async () => {
      await expect(open(sealed, new MasterKeyring(randomBytes(32)))).rejects.toMatchObject({
        code: 'STORAGE_UNKNOWN_MASTER_KEY',
      });
    });

    it('not sealed at all (plaintext)', async () => {
      await fails(Buffer.from('%PDF-1.4 a plaintext file that was never sealed'));
    });
  });

  it('reads objects wrapped by a previous master key while it is configured', async () => {
    const old = randomBytes(32);
    const sealed = await seal(Buffer.from('before rotation'), new MasterKeyring(old));
    const rotated = new MasterKeyring(randomBytes(32), [old]);
    expect((await open(sealed, rotated)).toString()).toBe('before rotation');
  });
});
