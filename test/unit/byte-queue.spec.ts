import { randomBytes } from 'node:crypto';
import { ByteQueue } from '../../server/modules/storage/byte-queue';

describe('ByteQueue', () => {
  it('gives back the bytes pushed, in order, whatever the chunk and take sizes', () => {
    const bytes = randomBytes(100_000);
    const queue = new ByteQueue();
    for (let at = 0; at < bytes.length; at += 7_001) queue.push(bytes.subarray(at, at + 7_001));
    const taken: Buffer[] = [];
    for (const size of [1, 65_552, 0, 7_000, 30_000]) taken.push(queue.take(size));
    expect(taken.map((b) => b.length)).toEqual([1, 65_552, 0, 7_000, 100_000 - 72_553]);
    expect(Buffer.concat(taken).equals(bytes)).toBe(true);
    expect(queue.length).toBe(0);
  });

  it('copies nothing for bytes within one chunk, and a frame across chunks once', () => {
    // Buffer.alloc never hands out a slice of a shared pool: each has its own memory.
    const first = Buffer.alloc(64, 'ab');
    const second = Buffer.alloc(64, 'cd');
    const queue = new ByteQueue();
    queue.push(first);
    queue.push(second);
    const inside = queue.take(16);
    expect(inside.buffer).toBe(first.buffer);
    const across = queue.take(64);
    expect(across.buffer).not.toBe(first.buffer);
    expect(across.equals(Buffer.concat([first.subarray(16), second.subarray(0, 16)]))).toBe(true);
    expect(queue.take(48).buffer).toBe(second.buffer);
  });

  it('peeks at everything queued without taking it', () => {
    const queue = new ByteQueue();
    queue.push(Buffer.from('CH'));
    queue.push(Buffer.from('SEAL'));
    expect(queue.peek().toString()).toBe('CHSEAL');
    expect(queue.take(6).toString()).toBe('CHSEAL');
  });
});
