import { Client } from 'pg';
import { numberOption, readArgs } from './lib/cli-args';
import { startBenchServices, startBenchStack } from './lib/bench-stack';
import { startResendStandIn } from './lib/resend-stand-in';

const PORTS = { postgres: 54389, temporal: 7293 };
/** Resend's default API limit for a team, and its batch size. */
const RESEND_REQUESTS_PER_SECOND = 2;
const RESEND_BATCH = 100;

/**
 * `npm run bench:invite -- --contacts 10000`: bulk-invites that many contacts (one API call,
 * "everyone matching") against a local Resend stand-in that enforces Resend's 2 requests a
 * second, and reports how long until Resend had every invitation, as a share of the fastest
 * Resend allows (2 batch requests of 100 emails a second).
 */
async function main(): Promise<void> {
  const args = readArgs({ contacts: { type: 'string' } });
  const contacts = numberOption(args, 'contacts', 10_000);
  const resend = await startResendStandIn({ requestsPerSecond: RESEND_REQUESTS_PER_SECOND });
  const services = await startBenchServices('bench-invite', PORTS);
  try {
    const stack = await startBenchStack(services, 'bench_invite', {
      RESEND_API_KEY: resend.apiKey,
      RESEND_BASE_URL: resend.url,
      RESEND_REQUESTS_PER_SECOND: String(RESEND_REQUESTS_PER_SECOND),
    });
    try {
      const pg = new Client({ connectionString: stack.config.DATABASE_URL });
      await pg.connect();
      await pg.query(
        `insert into contact (id, email, first_name, last_name)
         select gen_random_uuid(), 'contact' || g || '@example.com', 'First' || g, 'Last' || g
         from generate_series(1, $1) g`,
        [contacts],
      );
      console.log(`seeded ${contacts} contacts`);

      const started = performance.now();
      const startedWall = Date.now();
      const res = await fetch(`${stack.url}/api/invitations`, {
        method: 'POST',
        headers: { cookie: stack.cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ filter: {}, senderEmail: 'invitations@clienthub.local' }),
      });
      const apiMs = performance.now() - started;
      const body = (await res.json()) as { invited: number };
      if (res.status !== 202 || body.invited !== contacts) {
        throw new Error(`invite: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      }

      let workflowsStarted = 0;
      let emailsQueued = 0;
      while (resend.emails.length < contacts) {
        await new Promise((r) => setTimeout(r, 100));
        if (!emailsQueued) {
          const { rows } = await pg.query(`select count(*)::int as n from email_message`);
          if (rows[0].n === contacts) emailsQueued = (performance.now() - started) / 1000;
        }
        if (!workflowsStarted) {
          const { rows } = await pg.query(
            `select count(*)::int as n from invitation where batch_action is not null`,
          );
          if (rows[0].n === 0) workflowsStarted = (performance.now() - started) / 1000;
        }
        if (performance.now() - started > 30 * 60_000) throw new Error('no end after 30 min');
      }
      const seconds = (resend.emails.at(-1)!.receivedAt - startedWall) / 1000;
      await pg.end();

      const recipients = new Set(resend.emails.map((e) => e.to[0]));
      if (recipients.size !== contacts || resend.emails.length !== contacts) {
        throw new Error(
          `expected one email per contact, got ${resend.emails.length} to ${recipients.size}`,
        );
      }
      const accepted = resend.requests.filter((r) => r.status === 200);
      const rate = contacts / seconds;
      const limit = RESEND_REQUESTS_PER_SECOND * RESEND_BATCH;
      console.log(
        `\nBulk invite benchmark (${contacts} contacts, Resend stand-in at ${RESEND_REQUESTS_PER_SECOND} req/s)`,
      );
      console.log(`API answer (POST /api/invitations, everyone matching): ${apiMs.toFixed(0)} ms`);
      console.log(
        `every invitation email rendered and queued after:      ${emailsQueued ? `${emailsQueued.toFixed(1)} s` : 'after the last email'}`,
      );
      console.log(`every invitation accepted by Resend after:             ${seconds.toFixed(1)} s`);
      console.log(
        `invitation workflows all started after:                ${workflowsStarted ? `${workflowsStarted.toFixed(1)} s` : 'after the last email'}`,
      );
      console.log(
        `Resend requests: ${accepted.length} accepted, ${resend.requests.length - accepted.length} refused (429: ${resend.requests.filter((r) => r.status === 429).length})`,
      );
      console.log(
        `rate ${rate.toFixed(1)} emails/s = ${((rate / limit) * 100).toFixed(0)}% of Resend's limit ` +
          `(${RESEND_REQUESTS_PER_SECOND} req/s x ${RESEND_BATCH} per batch = ${limit} emails/s)`,
      );
      console.log(`worker peak RSS ${(await stack.workerPeakRssMb()).toFixed(0)} MB`);
    } finally {
      await stack.stop();
    }
  } finally {
    await services.stop();
    await resend.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
