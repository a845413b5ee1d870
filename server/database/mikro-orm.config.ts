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
export function ormOptions(clientUrl: string, queryTimeoutMs?: number): Options {
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
    pool: { min: 0, max: 10, ...(queryTimeoutMs && { afterCreate: closeOnQueryTimeout }) },
    // A database that accepts the connection but never answers (frozen, failing over) is
    // reported within seconds instead of after the pool's 30 s create timeout.
    driverOptions: {
      connection: {
        connectionTimeoutMillis: 5000,
        keepAlive: true,
        ...(queryTimeoutMs && { query_timeout: queryTimeoutMs }),
      },
    },
    forceUtcTimezone: true,
    debug: false,
    allowGlobalContext: false,
  });
}

// Used by the MikroORM CLI (`npm run migration:create`).
export default ormOptions(loadConfig().DATABASE_URL);
