import { Client } from 'pg';
import { numberOption, readArgs } from './lib/cli-args';
import { benchApi } from './lib/bench-api';
import { startBenchServices, startBenchStack, type BenchStack } from './lib/bench-stack';
import { seedClients } from './lib/seed-clients';

const PORTS = { postgres: 54395, temporal: 7299 };
const ROUNDS = 40;

/** The 95th percentile of `ROUNDS` timed calls of the home page's one API call, in ms. */
async function p95(url: string, cookie: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    const res = await fetch(`${url}/api/dashboard`, { headers: { cookie } });
    if (!res.ok) throw new Error(`dashboard: ${res.status} ${await res.text()}`);
    await res.json();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.ceil(ROUNDS * 0.95) - 1];
}

/** A tenth of the clients get an invited contact (reminders due over 3 days) and a file request. */
async function seed(stack: BenchStack, clients: number): Promise<void> {
  const pg = new Client({ connectionString: stack.config.DATABASE_URL });
  await pg.connect();
  try {
    await seedClients(pg, clients);
    await pg.query(`
      with picked as (
        select id, row_number() over (order by id) as n from client
        where type = 'standard' order by id limit ${Math.floor(clients / 10)}),
      contacts as (
        insert into contact (id, email, portal_status)
        select gen_random_uuid(), 'volume-' || n || '@example.com', 'invited' from picked
        returning id, email),
      linked as (
        insert into client_contact (client_id, contact_id, is_primary)
        select p.id, c.id, true from picked p
        join contacts c on c.email = 'volume-' || p.n || '@example.com'
        returning client_id, contact_id)
      insert into invitation (id, contact_id, sender_email, max_reminders,
        reminder_interval_seconds, expiry_seconds, next_reminder_at, expires_at, workflow_id)
      select gen_random_uuid(), contact_id, 'office@firm.test', 3, 86400, 1209600,
        now() + (random() * interval '3 days'), now() + interval '14 days', 'wf-' || contact_id
      from linked`);
    await pg.query(`
      insert into file_request (client_id, subject, status, due_at, sender_email)
      select client_id, 'Pay stubs', 'open', now() + (random() * interval '20 days' - interval '10 days'),
        'office@firm.test' from client_contact`);
    await pg.query('vacuum analyze client, contact, client_contact, invitation, file_request');
  } finally {
    await pg.end();
  }
}

/**
 * `npm run bench:dashboard [-- --clients 100000]`: the console's home page (one API call) at
 * firm scale, p95 over 40 calls for a Staff Admin and for staff who see 2,000 of the clients.
 * Target: under 100 ms.
 */
async function main(): Promise<void> {
  const args = readArgs({ clients: { type: 'string' } });
  const clients = numberOption(args, 'clients', 100_000);
  const services = await startBenchServices('bench-dashboard', PORTS);
  try {
    const stack = await startBenchStack(services, 'bench_dashboard');
    try {
      await seed(stack, clients);
      const api = benchApi(stack);
      const password = 'sam bench password 123';
      const staff = await api('POST', '/api/staff', {
        email: 'sam@clienthub.local',
        firstName: 'Sam',
        lastName: 'Bench',
        roles: ['staff'],
      });
      const pg = new Client({ connectionString: stack.config.DATABASE_URL });
      await pg.connect();
      const invitation = await pg
        .query<{ url: string }>(
          `select links->0->>'url' as url from email_message where kind = 'staff_invitation'
           and to_email = 'sam@clienthub.local'`,
        )
        .then(async ({ rows: [{ url }] }) => {
          await pg.query(
            `insert into client_grant (client_id, staff_user_id, role)
             select id, $1, 'viewer' from client order by id limit 2000`,
            [staff.id],
          );
          return new URL(url).searchParams.get('token');
        })
        .finally(() => pg.end());
      // Sam accepts the invitation the API emailed, choosing the password.
      await api('POST', '/api/auth/account-links/use', { token: invitation, password });
      const login = await fetch(`${stack.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'sam@clienthub.local', password }),
      });
      const staffCookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
      const admin = await p95(stack.url, stack.cookie);
      const seen = await p95(stack.url, staffCookie);
      console.log(
        `\nHome page (GET /api/dashboard) at ${clients} clients, p95 of ${ROUNDS} calls:`,
      );
      console.log(`  Staff Admin                     ${admin.toFixed(1)} ms`);
      console.log(`  staff who see 2,000 clients     ${seen.toFixed(1)} ms`);
    } finally {
      await stack.stop();
    }
  } finally {
    await services.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
