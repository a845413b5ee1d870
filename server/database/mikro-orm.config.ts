import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { loadConfig } from '../config/app-config';
import { entities } from './entities';
import { closeOnQueryTimeout } from './query-deadline';
import { migrationsList } from './migrations';

/**
 * How the API plans its reads: list pages read a few rows through indexes from data that sits
 * in memory, where PostgreSQL's default random_page_cost (4, for spinning disks) made it scan
 * a million clients instead of looking up 13,000 by key (three times slower). A list's bitmap
 * of matches spread over a ten-million-event audit trail needs more than the default 4 MB of
 * work_mem: past it the bitmap keeps whole pages, and every row on them is checked again
 * (2.7 million rows, 15 s, for one busy client's uploads; 0.7 s with 32 MB, which holds every
 * page of that trail). Only the API sets these; the worker's bulk statements keep the
 * server's.
 */
const API_PLANNER_OPTIONS = '-c random_page_cost=1.1 -c work_mem=32MB';

/** What only the API's connections get: a deadline for every statement, and its planner costs. */
export interface ApiConnectionOptions {
  queryTimeoutMs: number;
}

/**
 * MikroORM options for a database URL; migrations only, never schema sync. With
 * `queryTimeoutMs` (the API's connections, not the worker's, whose import statements run for
 * minutes) a statement that gets no answer fails after it, and its connection is closed.
 */
export function ormOptions(clientUrl: string, api?: ApiConnectionOptions): Options {
  return defineConfig({
    clientUrl,
    entities,
    extensions: [Migrator],
    migrations: {
      migrationsList,
      path: 'server/database/migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    pool: { min: 0, max: 10, ...(api && { afterCreate: closeOnQueryTimeout }) },
    // A database that accepts the connection but never answers (frozen, failing over) is
    // reported within seconds instead of after the pool's 30 s create timeout.
    driverOptions: {
      connection: {
        connectionTimeoutMillis: 5000,
        keepAlive: true,
        ...(api && { query_timeout: api.queryTimeoutMs, options: API_PLANNER_OPTIONS }),
      },
    },
    forceUtcTimezone: true,
    debug: false,
    allowGlobalContext: false,
  });
}

// Used by the MikroORM CLI (`npm run migration:create`).
export default ormOptions(loadConfig().DATABASE_URL);
