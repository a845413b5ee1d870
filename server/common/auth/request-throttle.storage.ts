import { EntityManager } from '@mikro-orm/postgresql';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { sqlRunner } from '../../database/sql-runner';
import { forgetEndedRequestThrottles, incrementRequestThrottle } from './auth.repository';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * The rate limiter's counters in PostgreSQL, so several API processes share one limit per
 * address: a fixed window per key, blocked once its hits pass the limit, until the window ends.
 */
export class RequestThrottleStorage implements ThrottlerStorage {
  constructor(private readonly em: EntityManager) {}

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const sql = sqlRunner(this.em);
    const row = await incrementRequestThrottle(sql, key, ttl);
    // A new key is the moment to forget windows long over (a scan of the expiry index).
    if (row.fresh) await forgetEndedRequestThrottles(sql);
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
