import { Client } from 'pg';
import { numberOption, readArgs } from './lib/cli-args';
import { benchApi } from './lib/bench-api';
import { createBenchCampaign, seedTaggedClients } from './lib/bench-campaign-seed';
import { startBenchServices, startBenchStack } from './lib/bench-stack';
import { startResendStandIn } from './lib/resend-stand-in';

const PORTS = { postgres: 54489, temporal: 7393 };
/** Resend's default API limit for a team, and its batch size. */
const RESEND_REQUESTS_PER_SECOND = 2;
const RESEND_BATCH = 100;

/**
 * `npm run bench:campaign -- --clients 10000`: a campaign to a segment of that many tagged
 * clients (each with a contact; a tenth as many untagged clients besides) against a local
 * Resend stand-in that enforces Resend's 2 requests a second. Reports how long until Resend had
 * every email, as a share of the fastest Resend allows (2 batch requests of 100 a second).
 */
async function main(): Promise<void> {
  const args = readArgs({ clients: { type: 'string' } });
  const clients = numberOption(args, 'clients', 10_000);
  const resend = await startResendStandIn({ requestsPerSecond: RESEND_REQUESTS_PER_SECOND });
  const services = await startBenchServices('bench-campaign', PORTS);
  try {
    const stack = await startBenchStack(services, 'bench_campaign', {
      RESEND_API_KEY: resend.apiKey,
      RESEND_BASE_URL: resend.url,
      RESEND_REQUESTS_PER_SECOND: String(RESEND_REQUESTS_PER_SECOND),
    });
    const pg = new Client({ connectionString: stack.config.DATABASE_URL });
    await pg.connect();
    try {
      const tagId = await seedTaggedClients(pg, clients);
      console.log(`seeded ${clients} tagged clients with a contact each`);
      const api = benchApi(stack);
      const campaign = { id: await createBenchCampaign(api, tagId) };
      const audienceStarted = performance.now();
      const audience = await api<{ sendable: number }>(
        'GET',
        `/api/campaigns/${campaign.id}/audience`,
      );
      const audienceMs = performance.now() - audienceStarted;
      if (audience.sendable !== clients) {
        throw new Error(`audience: ${JSON.stringify(audience)}`);
      }

      const started = performance.now();
      const startedWall = Date.now();
      await api('POST', `/api/campaigns/${campaign.id}/send`, {});
      const apiMs = performance.now() - started;
      const since = () => (performance.now() - started) / 1000;

      let queuedAfter = 0;
      while (resend.emails.length < clients) {
        await new Promise((r) => setTimeout(r, 100));
        if (!queuedAfter) {
          const { rows } = await pg.query(
            `select count(*)::int as n from email_message where campaign_id = $1`,
            [campaign.id],
          );
          if (rows[0].n === clients) queuedAfter = since();
        }
        if (since() > 30 * 60) throw new Error('no end after 30 min');
      }
      const seconds = (resend.emails.at(-1)!.receivedAt - startedWall) / 1000;
      let sentAfter = 0;
      while (!sentAfter) {
        const { rows } = await pg.query(`select status from campaign where id = $1`, [campaign.id]);
        if (rows[0].status === 'sent') sentAfter = since();
        else await new Promise((r) => setTimeout(r, 100));
      }

      const recipients = new Set(resend.emails.map((e) => e.to[0]));
      if (recipients.size !== clients || resend.emails.length !== clients) {
        throw new Error(
          `expected one email per contact, got ${resend.emails.length} to ${recipients.size}`,
        );
      }
      const withHeader = resend.emails.filter((e) => e.headers?.['List-Unsubscribe']).length;
      const accepted = resend.requests.filter((r) => r.status === 200);
      const rate = clients / seconds;
      const limit = RESEND_REQUESTS_PER_SECOND * RESEND_BATCH;
      console.log(
        `\nCampaign benchmark (${clients}-client segment, Resend stand-in at ${RESEND_REQUESTS_PER_SECOND} req/s)`,
      );
      console.log(`recipient count before sending (GET …/audience): ${audienceMs.toFixed(0)} ms`);
      console.log(`API answer (POST …/send):                        ${apiMs.toFixed(0)} ms`);
      console.log(
        `every email rendered and queued after:           ${queuedAfter ? `${queuedAfter.toFixed(1)} s` : 'after the last email'}`,
      );
      console.log(`every email accepted by Resend after:            ${seconds.toFixed(1)} s`);
      console.log(`campaign marked sent after:                      ${sentAfter.toFixed(1)} s`);
      console.log(`emails with a List-Unsubscribe header:           ${withHeader}`);
      console.log(
        `Resend requests: ${accepted.length} accepted, ${resend.requests.length - accepted.length} refused (429: ${resend.requests.filter((r) => r.status === 429).length})`,
      );
      console.log(
        `rate ${rate.toFixed(1)} emails/s = ${((rate / limit) * 100).toFixed(0)}% of Resend's limit ` +
          `(${RESEND_REQUESTS_PER_SECOND} req/s x ${RESEND_BATCH} per batch = ${limit} emails/s)`,
      );
      // Resend's pace while the worker was still rendering, and after.
      const queuedAt = startedWall + queuedAfter * 1000;
      const during = accepted.filter((r) => r.at <= queuedAt).length;
      const lastAt = accepted.at(-1)!.at;
      console.log(
        `Resend requests/s while queueing: ${(during / queuedAfter).toFixed(2)}, after: ${((accepted.length - during) / ((lastAt - queuedAt) / 1000)).toFixed(2)}`,
      );
      console.log(`worker peak RSS ${(await stack.workerPeakRssMb()).toFixed(0)} MB`);
    } finally {
      await pg.end();
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
