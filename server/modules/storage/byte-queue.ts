/**
 * A stream's chunks waiting to be cut into frames. Joining each chunk onto what is pending
 * copies the pending bytes again for every chunk (a 64 KB frame arriving in 16 KB chunks is
 * copied four times); here a frame's bytes are copied once, and not at all when they lie
 * within one chunk.
 */
export class ByteQueue {
  private chunks: Buffer[] = [];
  length = 0;

  push(chunk: Buffer): void {
    if (!chunk.length) return;
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  /** The next `bytes` bytes (at most what is queued), removed from the queue. */
  take(bytes: number): Buffer {
    const n = Math.min(bytes, this.length);
    this.length -= n;
    if (!n) return Buffer.alloc(0);
    const first = this.chunks[0];
    if (first.length >= n) {
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    const out = Buffer.allocUnsafe(n);
    for (let at = 0; at < n;) {
      const chunk = this.chunks[0];
      const used = chunk.copy(out, at, 0, n - at);
      at += used;
      if (used === chunk.length) this.chunks.shift();
      else this.chunks[0] = chunk.subarray(used);
    }
    return out;
  }

  /** Everything queued, without removing it (for a header of a few bytes). */
  peek(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }
}
