import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { loadConfig } from '../config/app-config';
import { entities } from './entities';
import { closeOnQueryTimeout } from './query-deadline';
import { migrationsList } from './migrations';

/**
 * MikroORM options for a database URL; migrations only, never schema sync. With
 * `queryTimeoutMs` (the API's connections, not the worker's, whose import statements run for
 * minutes) a statement that gets no answer fails after it, and its connection is closed.
 */
/**
 * How the API plans its reads: list pages read a few rows through indexes from data that sits
 * in memory, where PostgreSQL's default random_page_cost (4, for spinning disks) made it scan
 * a million clients instead of looking up 13,000 by key (three times slower). Only the API
 * sets it; the worker's bulk statements keep the server's costs.
 */
const API_PLANNER_OPTIONS = '-c random_page_cost=1.1';

/** What only the API's connections get: a deadline for every statement, and its planner costs. */
export interface ApiConnectionOptions {
  queryTimeoutMs: number;
}

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
