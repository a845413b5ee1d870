import { loadavg } from 'node:os';
import { Client } from 'pg';
import { numberOption, readArgs } from './lib/cli-args';
import { benchApi } from './lib/bench-api';
import { createBenchCampaign, seedTaggedClients } from './lib/bench-campaign-seed';
import { benchOpenWorkflows } from './lib/bench-open-invitations';
import { startBenchServices, startBenchStack, type BenchServices } from './lib/bench-stack';
import { fmtLoad, percentiles, seedContacts } from './lib/bench-stats';
import { printSingleLegs, type SingleCall } from './lib/invite-legs';
import { startResendStandIn, tightestSpanMs, type ResendStandIn } from './lib/resend-stand-in';

const PORTS = { postgres: 54389, temporal: 7293 };
/** Resend's default API limit for a team, and its batch size. */
const RESEND_REQUESTS_PER_SECOND = 2;
const RESEND_BATCH = 100;
const SINGLE_EVERY_MS = 2000;
const SENDER = 'invitations@clienthub.local';

/**
 * `npm run bench:invite -- --contacts 10000 --clients 10000`: at the same time a bulk invite of
 * `contacts`, a campaign to `clients` and one single invitation every 2 s, against a local
 * Resend stand-in that enforces Resend's 2 requests a second. Prints the single invitations'
 * latency (API call to the email at Resend) and the bulk email rate as a share of Resend's limit.
 * `-- --open-workflows 100000 [--minutes 30]` instead opens that many invitation workflows and
 * prints the worker's memory, the Temporal database's size and the console's contact list.
 */
async function main(): Promise<void> {
  const args = readArgs({
    contacts: { type: 'string' },
    clients: { type: 'string' },
    'open-workflows': { type: 'string' },
    minutes: { type: 'string' },
  });
  const openWorkflows = numberOption(args, 'open-workflows', 0);
  const services = await startBenchServices('bench-invite', PORTS);
  try {
    if (openWorkflows > 0) {
      await benchOpenWorkflows(services, {
        target: openWorkflows,
        minutes: numberOption(args, 'minutes', 30),
        sender: SENDER,
      });
    } else {
      await benchMixedLoad(
        services,
        numberOption(args, 'contacts', 10_000),
        numberOption(args, 'clients', 10_000),
      );
    }
  } finally {
    await services.stop();
  }
}

async function benchMixedLoad(services: BenchServices, contacts: number, clients: number) {
  const resend = await startResendStandIn({ requestsPerSecond: RESEND_REQUESTS_PER_SECOND });
  try {
    const stack = await startBenchStack(services, 'bench_invite', {
      RESEND_API_KEY: resend.apiKey,
      RESEND_BASE_URL: resend.url,
      RESEND_REQUESTS_PER_SECOND: String(RESEND_REQUESTS_PER_SECOND),
    });
    const pg = new Client({ connectionString: stack.config.DATABASE_URL });
    await pg.connect();
    try {
      const api = benchApi(stack);
      const tagId = await seedTaggedClients(pg, clients);
      const bulk = await seedContacts(pg, 'bulk', contacts);
      // Enough for one every 2 s for an hour.
      const singles = await seedContacts(pg, 'single', 1800);
      const campaignId = await createBenchCampaign(api, tagId);
      console.log(`seeded ${contacts} contacts to invite, ${clients} campaign clients`);

      const loadBefore = loadavg();
      const started = Date.now();
      const invited = await api<{ invited: number }>('POST', '/api/invitations', {
        contactIds: bulk,
        senderEmail: SENDER,
      });
      if (invited.invited !== contacts) throw new Error(`invite: ${JSON.stringify(invited)}`);
      await api('POST', `/api/campaigns/${campaignId}/send`, {});

      const bulkTotal = contacts + clients;
      const isBulk = (to: string) => !to.startsWith('single');
      const bulkArrived = () => resend.emails.filter((e) => isBulk(e.to[0])).length;
      const singleCalls: SingleCall[] = [];
      const ticker = setInterval(() => {
        const contactId = singles[singleCalls.length];
        if (!contactId) return;
        const calledAt = Date.now();
        const answer = api<{ workflowId: string }>('POST', '/api/invitations', {
          contactIds: [contactId],
          senderEmail: SENDER,
        });
        singleCalls.push({
          to: `single${singleCalls.length + 1}@example.com`,
          calledAt,
          workflowId: answer.then((a) => a.workflowId),
        });
      }, SINGLE_EVERY_MS);
      try {
        await until(() => bulkArrived() >= bulkTotal, 60 * 60_000, 'every bulk email at Resend');
      } finally {
        clearInterval(ticker);
      }
      await until(
        () => resend.emails.length >= bulkTotal + singleCalls.length,
        120_000,
        'the last single invitations at Resend',
      );
      const loadDuring = loadavg();

      const latencies = singleCalls.map(({ to, calledAt }) => {
        const email = resend.emails.find((e) => e.to[0] === to);
        return (email!.receivedAt - calledAt) / 1000;
      });
      const bulkTimes = resend.emails.filter((e) => isBulk(e.to[0])).map((e) => e.receivedAt);
      const bulkSeconds = (Math.max(...bulkTimes) - Math.min(...bulkTimes)) / 1000;
      const limit = RESEND_REQUESTS_PER_SECOND * RESEND_BATCH;
      const bulkRate = bulkTotal / bulkSeconds;
      console.log(
        `\nInvite benchmark: bulk invite of ${contacts} + campaign to ${clients} + one invitation every ${SINGLE_EVERY_MS / 1000} s (Resend stand-in at ${RESEND_REQUESTS_PER_SECOND} req/s)`,
      );
      console.log(
        `load average before: ${fmtLoad(loadBefore)}; at the end: ${fmtLoad(loadDuring)}`,
      );
      console.log(
        `single invitations (${latencies.length}), API call to email at Resend: ${percentiles(latencies)} s`,
      );
      console.log(
        `bulk email: ${bulkTotal} in ${bulkSeconds.toFixed(1)} s = ${bulkRate.toFixed(1)} emails/s = ` +
          `${((bulkRate / limit) * 100).toFixed(0)}% of Resend's limit (${RESEND_REQUESTS_PER_SECOND} req/s x ${RESEND_BATCH} = ${limit} emails/s)`,
      );
      console.log(`everything at Resend after ${((Date.now() - started) / 1000).toFixed(1)} s`);
      reportRequests(resend);
      await printSingleLegs(singleCalls, services.temporal.address, pg, resend);
    } finally {
      await pg.end();
      await stack.stop();
    }
  } finally {
    await resend.close();
  }
}

async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`no end after ${timeoutMs / 1000} s: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Refused requests, full batches, and the tightest span of limit + 1 requests. */
function reportRequests(resend: ResendStandIn): void {
  const accepted = resend.requests.filter((r) => r.status === 200).length;
  const refused = resend.requests.filter((r) => r.status === 429).length;
  const full = resend.requests.filter((r) => r.emails === RESEND_BATCH).length;
  console.log(
    `Resend requests: ${accepted} accepted (${full} full batches), ${refused} refused with 429; ` +
      `any ${RESEND_REQUESTS_PER_SECOND + 1} in a row span at least ${tightestSpanMs(resend.requests, RESEND_REQUESTS_PER_SECOND)} ms`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
