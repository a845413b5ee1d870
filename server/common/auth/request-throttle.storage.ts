import { EntityManager } from '@mikro-orm/postgresql';
import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * The rate limiter's counters in PostgreSQL, so several API processes share one limit per
 * address: a fixed window per key, blocked once its hits pass the limit, until the window ends.
 */
export class RequestThrottleStorage implements ThrottlerStorage {
  constructor(private readonly em: EntityManager) {}

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const conn = this.em.getConnection();
    const [row] = await conn.execute<{ hits: number; ms_left: number; fresh: boolean }[]>(
      `insert into request_throttle as t (key, hits, expires_at)
       values (?, 1, now() + ? * interval '1 millisecond')
       on conflict (key) do update set
         hits = case when t.expires_at <= now() then 1 else t.hits + 1 end,
         expires_at = case when t.expires_at <= now() then excluded.expires_at else t.expires_at end
       returning hits, extract(epoch from expires_at - now()) * 1000 as ms_left, xmax = 0 as fresh`,
      [key, ttl],
    );
    // A new key is the moment to forget windows long over (a scan of the expiry index).
    if (row.fresh) {
      await conn.execute(
        `delete from request_throttle where expires_at < now() - interval '1 hour'`,
      );
    }
    const seconds = Math.max(0, Math.ceil(Number(row.ms_left) / 1000));
    const isBlocked = row.hits > limit;
    return {
      totalHits: row.hits,
      timeToExpire: seconds,
      isBlocked,
      timeToBlockExpire: isBlocked ? seconds : 0,
    };
  }
}
