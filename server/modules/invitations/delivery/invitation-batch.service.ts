import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { forEachLimit } from '../../../common/async/for-each-limit';
import { pgArray } from '../../../database/pg-array';
import { TemporalService } from '../../../temporal/temporal.service';
import {
  portalInvitationWorkflowId,
  resendSignal,
} from '../../../../workflows/portal-invitation/portal-invitation.contract';
import { invitationWorkflowInput, type InvitationTimingRow } from '../invitation-workflow-input';
import { InvitationMailerService } from './invitation-mailer.service';

interface BatchInvitation extends InvitationTimingRow {
  status: string;
  batch_action: 'start' | 'queued' | 'resend';
}

const PAGE = 500;
const START_CONCURRENCY = 32;

/**
 * Carries out a bulk invite page by page: queues the first emails in one transaction per page
 * (so mail flows while workflows start), then starts one workflow per new invitation and
 * re-sends pending ones. Each finished page is unmarked, so a retry resumes after it.
 */
@Injectable()
export class InvitationBatchService {
  constructor(
    private readonly em: EntityManager,
    private readonly mailer: InvitationMailerService,
    private readonly temporal: TemporalService,
  ) {}

  async run(
    batchId: string,
    heartbeat: (done: number) => void,
  ): Promise<{ started: number; resent: number }> {
    const totals = { started: 0, resent: 0 };
    let done = 0;
    const step = (n: number) => heartbeat((done += n));
    // First every email, so mail flows at Resend's pace while the workflows start.
    await this.pages(batchId, 'start', async (page) => {
      const pending = await this.mailer.queue(page.map(firstStep));
      await this.mark(page, 'queued', (i) => pending.has(i.id));
      step(page.length);
    });
    await this.untilSent(batchId, () => step(0));
    await this.pages(batchId, 'queued', async (page) => {
      // Accepted, revoked or bounced while its email went out: nothing left to follow up.
      const live = page.filter((i) => i.status === 'pending');
      await forEachLimit(live, START_CONCURRENCY, (i) => this.start(i));
      await this.mark(page, null);
      totals.started += live.length;
      step(page.length);
    });
    await this.pages(batchId, 'resend', async (page) => {
      await forEachLimit(page, START_CONCURRENCY, (i) => this.resend(i));
      await this.mark(page, null);
      totals.resent += page.length;
      step(page.length);
    });
    return totals;
  }

  /**
   * Mail first: the workflows' first timers are days away, so they start once the emails are
   * out rather than compete with the dispatcher for the worker and Temporal. Resend being down
   * for long does not hold them back past ten minutes.
   */
  private async untilSent(batchId: string, heartbeat: () => void): Promise<void> {
    const deadline = Date.now() + 10 * 60_000;
    while (Date.now() < deadline) {
      const [{ waiting }] = await this.em.getConnection().execute<{ waiting: boolean }[]>(
        `select exists (select 1 from email_message m join invitation i on i.id = m.invitation_id
           where i.batch_id = ? and m.status in ('queued', 'sending')) as waiting`,
        [batchId],
      );
      if (!waiting) return;
      heartbeat();
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  /** Each page is unmarked (or moved on) when done, so the next read is the next page. */
  private async pages(
    batchId: string,
    action: BatchInvitation['batch_action'],
    work: (page: BatchInvitation[]) => Promise<void>,
  ): Promise<void> {
    for (;;) {
      const page = await this.em.getConnection().execute<BatchInvitation[]>(
        `select id, contact_id, status, batch_action, max_reminders, reminder_interval_seconds,
           expiry_seconds, created_at
         from invitation where batch_id = ? and batch_action = ? order by id limit ?`,
        [batchId, action, PAGE],
      );
      if (!page.length) return;
      await work(page);
    }
  }

  /** Moves invitations to their next batch step; those failing `keep` leave the batch. */
  private async mark(
    page: BatchInvitation[],
    next: BatchInvitation['batch_action'] | null,
    keep: (i: BatchInvitation) => boolean = () => true,
  ): Promise<void> {
    await this.em.getConnection().execute(
      `update invitation set batch_action = case when id = any(?::uuid[]) then ? end
       where id = any(?::uuid[])`,
      [pgArray(page.filter(keep).map((i) => i.id)), next, pgArray(page.map((i) => i.id))],
    );
  }

  private async start(i: BatchInvitation): Promise<void> {
    try {
      await this.temporal.client.workflow.start('portalInvitationWorkflow', {
        workflowId: portalInvitationWorkflowId(i.contact_id),
        taskQueue: this.temporal.taskQueue,
        args: [invitationWorkflowInput(i)],
        searchAttributes: { ContactId: [i.contact_id] },
      });
    } catch (e) {
      // Started by an earlier attempt of this page.
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
    }
  }

  /** Signal-with-start: a pending invitation whose workflow is gone gets a new one. */
  private async resend(i: BatchInvitation): Promise<void> {
    await this.temporal.client.workflow.signalWithStart('portalInvitationWorkflow', {
      workflowId: portalInvitationWorkflowId(i.contact_id),
      taskQueue: this.temporal.taskQueue,
      args: [invitationWorkflowInput(i)],
      signal: resendSignal,
      searchAttributes: { ContactId: [i.contact_id] },
    });
  }
}

function firstStep(i: BatchInvitation) {
  const at = new Date(i.created_at).getTime();
  return {
    invitationId: i.id,
    kind: 'invitation' as const,
    step: 0,
    remindersSent: 0,
    nextReminderAt:
      i.max_reminders > 0 ? new Date(at + i.reminder_interval_seconds * 1000).toISOString() : null,
    expiresAt: new Date(at + i.expiry_seconds * 1000).toISOString(),
  };
}
