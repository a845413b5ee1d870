import { Client } from 'pg';

/** The URL of another database on the same server (same credentials, host and port). */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/**
 * Creates `name` unless it exists, optionally as a copy of `template` (the template must have
 * no open connections). Returns the new database's URL.
 */
export async function createDatabase(
  serverUrl: string,
  name: string,
  template?: string,
): Promise<string> {
  await withMaintenanceClient(serverUrl, async (client) => {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount) return;
    const from = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : '';
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}${from}`);
    } catch (error) {
      // Lost a race with another creator: the database is there, which is all we want.
      if ((error as { code?: string }).code !== '42P04') throw error;
    }
  });
  return databaseUrl(serverUrl, name);
}

/** Drops `name` if it exists, disconnecting its sessions first. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await withMaintenanceClient(serverUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`),
  );
}

async function withMaintenanceClient<T>(
  serverUrl: string,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  // CREATE/DROP DATABASE cannot run while connected to the target, so use the `postgres` database.
  const client = new Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
