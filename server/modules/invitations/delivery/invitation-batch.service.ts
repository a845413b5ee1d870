import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { forEachLimit } from '../../../common/async/for-each-limit';
import { pgArray } from '../../../database/pg-array';
import { resendSignal } from '../../../../workflows/portal-invitation/portal-invitation.contract';
import { EmailDispatcherWaker } from '../../email/email-dispatcher-waker.service';
import { INVITATION_TIMING_COLUMNS, type InvitationTimingRow } from '../invitation-workflow-input';
import { InvitationWorkflowsService } from '../invitation-workflows.service';
import { InvitationMailerService } from './invitation-mailer.service';

interface BatchInvitation extends InvitationTimingRow {
  status: string;
  batch_action: 'start' | 'queued' | 'resend';
}

const PAGE = 500;
const START_CONCURRENCY = 32;

/**
 * Carries out a bulk invite page by page: queues every first email (one transaction per page),
 * waits for them to go out, then starts one workflow per invitation still pending and re-sends
 * pending ones. Each finished page moves on, so a retry resumes after it.
 */
@Injectable()
export class InvitationBatchService {
  constructor(
    private readonly em: EntityManager,
    private readonly mailer: InvitationMailerService,
    private readonly workflows: InvitationWorkflowsService,
    private readonly waker: EmailDispatcherWaker,
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
      const pending = await this.mailer.queue(page.map(firstStep), 'batch');
      await this.mark(page, 'queued', (i) => pending.has(i.id));
      step(page.length);
    });
    await this.untilSent(batchId, () => step(0));
    await this.pages(batchId, 'queued', async (page) => {
      // Accepted, revoked or bounced while its email went out: nothing left to follow up.
      const live = page.filter((i) => i.status === 'pending');
      await forEachLimit(live, START_CONCURRENCY, (i) => this.workflows.start(i));
      await this.mark(page, null);
      totals.started += live.length;
      step(page.length);
    });
    await this.pages(batchId, 'resend', async (page) => {
      const live = page.filter((i) => i.status === 'pending');
      await forEachLimit(live, START_CONCURRENCY, (i) => this.workflows.signal(i, resendSignal));
      await this.mark(page, null);
      totals.resent += live.length;
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
      // Also covers a wake-up that was lost while the dispatcher was idle.
      this.waker.wake();
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
      const page = await this.em
        .getConnection()
        .execute<BatchInvitation[]>(
          `select ${INVITATION_TIMING_COLUMNS}, status, batch_action from invitation where batch_id = ? and batch_action = ? order by id limit ?`,
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
