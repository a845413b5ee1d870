import { stat } from 'node:fs/promises';
import type { Client } from 'pg';

/** `n` contacts (`<prefix><i>@example.com`) straight in the database; their ids. */
export async function seedContacts(pg: Client, prefix: string, n: number): Promise<string[]> {
  const { rows } = await pg.query<{ id: string }>(
    `insert into contact (id, email, first_name, last_name)
     select gen_random_uuid(), $1 || g || '@example.com', 'First' || g, 'Last' || g
     from generate_series(1, $2) g returning id`,
    [prefix, n],
  );
  return rows.map((r) => r.id);
}

/** Times `n` calls made one after the other, in ms. */
export async function timeCalls(n: number, call: () => Promise<unknown>): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const at = performance.now();
    await call();
    ms.push(performance.now() - at);
  }
  return ms;
}

export function percentiles(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(2));
  return `p50 ${fmt(at(0.5))} / p95 ${fmt(at(0.95))} / max ${fmt(sorted.at(-1)!)}`;
}

export const fmtLoad = (l: number[]) => l.map((v) => v.toFixed(2)).join(', ');

/** A SQLite database's size with its write-ahead log, in MB. */
export async function sqliteSizeMb(path: string): Promise<number> {
  let bytes = 0;
  for (const file of [path, `${path}-wal`])
    bytes += (await stat(file).catch(() => null))?.size ?? 0;
  return bytes / 1024 / 1024;
}
