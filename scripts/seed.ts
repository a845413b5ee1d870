import { Client } from 'pg';
import { loadConfig } from '../server/config/app-config';
import { numberOption, readArgs } from './lib/cli-args';
import { seedClients } from './lib/seed-clients';

/** Bulk-loads synthetic clients and tags with COPY: `npm run seed -- --clients 100000`. */
async function main(): Promise<void> {
  const args = readArgs({ clients: { type: 'string' } });
  const count = numberOption(args, 'clients', 1000);
  const config = loadConfig();
  const pg = new Client({ connectionString: config.DATABASE_URL });
  await pg.connect().catch((e: Error) => {
    throw new Error(
      `Cannot reach PostgreSQL at ${config.DATABASE_URL} (${e.message}). Start the system with \`npm start\` first, or set DATABASE_URL.`,
    );
  });
  const started = performance.now();
  try {
    const seeded = await seedClients(pg, count);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `Seeded ${count} clients (${seeded.links} tag links, ${seeded.tags} tags) in ${seconds} s; ${seeded.total} clients in all.`,
    );
  } finally {
    await pg.end();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
