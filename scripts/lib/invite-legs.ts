import { Client as TemporalClient, Connection } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import type { Client } from 'pg';
import { percentiles } from './bench-stats';
import type { ResendStandIn } from './resend-stand-in';

const EventType = temporal.api.enums.v1.EventType;

/** One single invitation of the bench: when it was asked for, and its bulk-invite workflow. */
export interface SingleCall {
  to: string;
  calledAt: number;
  workflowId: Promise<string>;
}

/** Where a single invitation's time went, leg by leg (each from the end of the one before). */
const LEGS = [
  ['API call → workflow started', 'started'],
  ['workflow started → first workflow task', 'firstTask'],
  ['first workflow task → queue activity started', 'activity'],
  ['queue activity started → email row queued', 'queued'],
  ['email row queued → batch request at Resend', 'requested'],
  ['request at Resend → email recorded', 'atResend'],
] as const;

type Stamps = Record<(typeof LEGS)[number][1], number> & { calledAt: number };

/**
 * The single invitations' timeline from the workflow histories (Temporal's clock), the email
 * rows (PostgreSQL's) and the Resend stand-in: prints p50 / p95 / max of each leg, in s.
 */
export async function printSingleLegs(
  calls: SingleCall[],
  temporalAddress: string,
  pg: Client,
  resend: ResendStandIn,
): Promise<void> {
  const connection = await Connection.connect({ address: temporalAddress });
  try {
    const client = new TemporalClient({ connection });
    const stamps: Stamps[] = [];
    for (const call of calls) {
      const history = await client.workflow.getHandle(await call.workflowId).fetchHistory();
      const firstAt = (type: number) =>
        tsToMs(history.events!.find((e) => e.eventType === type)!.eventTime);
      const {
        rows: [row],
      } = await pg.query<{ queued: number; batch: string }>(
        `select extract(epoch from created_at) * 1000 as queued, batch_id as batch
         from email_message where to_email = $1`,
        [call.to],
      );
      const request = resend.requests.find(
        (r) => r.status === 200 && r.idempotencyKey === `email-batch/${row.batch}`,
      );
      stamps.push({
        calledAt: call.calledAt,
        started: firstAt(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED),
        firstTask: firstAt(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED),
        activity: firstAt(EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED),
        queued: Number(row.queued),
        requested: request!.at,
        atResend: resend.emails.find((e) => e.to[0] === call.to)!.receivedAt,
      });
    }
    console.log('single invitations, leg by leg (s):');
    let from: keyof Stamps = 'calledAt';
    for (const [label, to] of LEGS) {
      const at = from;
      console.log(
        `  ${label.padEnd(46)} ${percentiles(stamps.map((s) => (s[to] - s[at]) / 1000))}`,
      );
      from = to;
    }
  } finally {
    await connection.close();
  }
}
