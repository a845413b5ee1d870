import { loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import type { InvitationBatchProgress } from '../../workflows/portal-invitation/invitation-batch.contract';
import { benchApi, type BenchApi } from './bench-api';
import { startBenchStack, type BenchServices } from './bench-stack';
import { fmtLoad, percentiles, seedContacts, sqliteSizeMb, timeCalls } from './bench-stats';

/** The most contacts one `POST /api/invitations` takes. */
const INVITE_SIZE = 10_000;
const POLL_MS = 10_000;
const REPORT_MS = 60_000;

interface Options {
  /** Invitation workflows to open. */
  target: number;
  /** Measure at whatever count is reached by then. */
  minutes: number;
  sender: string;
}

/**
 * Opens `target` invitation workflows through the product's own path (bulk invites of 10,000
 * contacts, all at once, each starting its workflows in pages), then measures the worker's
 * memory, the Temporal database's size and the console's contact list. Without a Resend key the
 * emails stay in the Outbox, so only the workflow starts set the pace (sending is what the
 * mixed-load run measures). Stops waiting after `minutes` and estimates the time for `target`.
 */
export async function benchOpenWorkflows(services: BenchServices, options: Options) {
  const stack = await startBenchStack(services, 'bench_invite_open');
  const pg = new Client({ connectionString: stack.config.DATABASE_URL });
  await pg.connect();
  const connection = await Connection.connect({ address: services.temporal.address });
  const temporal = new TemporalClient({ connection });
  // Counted by Temporal itself: a bulk invite's progress query may go unanswered under load.
  const running = async () =>
    (
      await temporal.workflow.count(
        `WorkflowType = 'portalInvitationWorkflow' AND ExecutionStatus = 'Running'`,
      )
    ).count;
  try {
    const api = benchApi(stack);
    const ids = await seedContacts(pg, 'open', options.target);
    const started = Date.now();
    const batches: string[] = [];
    for (let i = 0; i < ids.length; i += INVITE_SIZE) {
      const contactIds = ids.slice(i, i + INVITE_SIZE);
      const { batchId } = await api<{ batchId: string }>('POST', '/api/invitations', {
        contactIds,
        senderEmail: options.sender,
      });
      batches.push(batchId);
    }
    console.log(
      `${options.target} contacts invited in ${batches.length} bulk invites in ${secondsSince(started)} s`,
    );

    const deadline = started + options.minutes * 60_000;
    let lastReport = started;
    let queued = 0;
    let open = 0;
    /** When the first workflow had started (each bulk invite first queues all its emails). */
    let firstOpenAt: number | null = null;
    for (;;) {
      const progress = await batchProgress(api, batches);
      queued = Math.max(
        queued,
        progress.reduce((sum, p) => sum + (p?.emailsQueued ?? 0), 0),
      );
      open = await running();
      if (open > 0) firstOpenAt ??= Date.now();
      if (open >= options.target || Date.now() >= deadline) break;
      if (Date.now() - lastReport >= REPORT_MS) {
        lastReport = Date.now();
        console.log(
          `after ${secondsSince(started)} s: ${queued} emails queued, ${open} workflows open (load ${fmtLoad(loadavg())})`,
        );
      }
      await sleep(POLL_MS);
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `\n${open} of ${options.target} invitation workflows open after ${seconds.toFixed(0)} s ` +
        `(${queued} first emails queued, ${(queued / seconds).toFixed(0)} a second)`,
    );
    if (open < options.target && firstOpenAt !== null) {
      const perSecond = open / ((Date.now() - firstOpenAt) / 1000);
      const left =
        (options.target - open) / perSecond + (options.target - queued) / (queued / seconds);
      console.log(
        `workflows started at ${perSecond.toFixed(1)} a second; all ${options.target} open in about ${((seconds + left) / 60).toFixed(0)} min`,
      );
    }
    const list = await timeCalls(20, () =>
      api('GET', `/api/contacts?range=${encodeURIComponent('[0,24]')}`),
    );
    console.log(`with ${open} open invitation workflows:`);
    console.log(
      `worker RSS ${(await stack.workerRssMb()).toFixed(0)} MB (peak ${(await stack.workerPeakRssMb()).toFixed(0)} MB)`,
    );
    console.log(
      `Temporal database ${(await sqliteSizeMb(join(services.dir, 'temporal.db'))).toFixed(0)} MB`,
    );
    console.log(
      `console contact list (GET /api/contacts, 25 a page, ${ids.length} contacts): ${percentiles(list)} ms`,
    );
    console.log(`load average: ${fmtLoad(loadavg())}`);
  } finally {
    await connection.close();
    await pg.end();
    await stack.stop();
  }
}

const secondsSince = (at: number) => ((Date.now() - at) / 1000).toFixed(0);

async function batchProgress(api: BenchApi, batches: string[]) {
  const answers = await Promise.all(
    batches.map((id) =>
      api<{ progress: InvitationBatchProgress | null }>('GET', `/api/invitations/batches/${id}`),
    ),
  );
  return answers.map((a) => a.progress);
}
