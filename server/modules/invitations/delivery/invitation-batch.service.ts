import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { forEachLimit } from '@server/common/async/for-each-limit';
import { sqlRunner } from '@server/database/sql-runner';
import type { InvitationBatchStep } from '@workflows/portal-invitation/invitation-batch.contract';
import { resendSignal } from '@workflows/portal-invitation/portal-invitation.contract';
import { InvitationWorkflowsService } from '../invitation-workflows.service';
import { InvitationMailerService } from './invitation-mailer.service';
import {
  countUnsentBatchEmails,
  findBatchPage,
  moveBatchInvitations,
  revokeUnsentBatch,
  type BatchInvitation,
} from './invitations-delivery.repository';

const PAGE = 500;
/**
 * Emails rendered and written at once: ten bulk invites paging together stay well inside the
 * worker's heap (whole pages of 500 ran it out of memory).
 */
const RENDER_CHUNK = 100;
/** Workflow starts in flight at once: a bulk invite leaves Temporal room for staff's work. */
const START_CONCURRENCY = 16;
/** Starts (or re-send signals) recorded as done at once, so a retried page skips them. */
const RECORD_EVERY = 50;

/** How far one page's activity got: invitations read, and of those emailed, started or re-sent. */
export interface PageProgress {
  handled: number;
  done: number;
}

/** Which invitations each step reads (`invitation.batch_action`) and where it moves them. */
const STEP: Record<InvitationBatchStep, { action: string; next: string | null }> = {
  queue: { action: 'start', next: 'queued' },
  start: { action: 'queued', next: null },
  resend: { action: 'resend', next: null },
};

/**
 * The bulk invite workflow's activities: one page of one step each. Invitations are moved on
 * as they are handled, so the next read is what is left and a retried page does nothing twice
 * (emails are idempotent per invitation, starts and signals per workflow id).
 */
@Injectable()
export class InvitationBatchService {
  constructor(
    private readonly em: EntityManager,
    private readonly mailer: InvitationMailerService,
    private readonly workflows: InvitationWorkflowsService,
  ) {}

  /**
   * `resumed`: what earlier attempts of this page's activity got through (from its heartbeat);
   * `progress` is told the running totals as the starts and signals get through, so a retry
   * (one start timing out) resumes where this attempt got to instead of redoing the page.
   */
  async runPage(
    batchId: string,
    step: InvitationBatchStep,
    bulk: boolean,
    resumed: PageProgress = { handled: 0, done: 0 },
    progress: (p: PageProgress) => void = () => undefined,
  ): Promise<PageProgress> {
    const { action, next } = STEP[step];
    const page = await findBatchPage(sqlRunner(this.em), batchId, action, PAGE);
    if (!page.length) return resumed;
    if (step === 'queue') {
      const pending = new Set<string>();
      for (let at = 0; at < page.length; at += RENDER_CHUNK) {
        const steps = page.slice(at, at + RENDER_CHUNK).map((i) => ({ ...firstStep(i), bulk }));
        for (const id of await this.mailer.queue(steps, 'batch')) pending.add(id);
      }
      await this.mark(page, next, pending);
      return { handled: resumed.handled + page.length, done: resumed.done + pending.size };
    }
    // Accepted, revoked or bounced meanwhile: nothing left to follow up.
    const ended = page.filter((i) => i.status !== 'pending');
    await this.mark(ended, null);
    const totals = { handled: resumed.handled + ended.length, done: resumed.done };
    let through: BatchInvitation[] = [];
    const record = async () => {
      const taken = through;
      through = [];
      if (!taken.length) return;
      await this.mark(taken, null);
      totals.handled += taken.length;
      totals.done += taken.length;
      progress({ ...totals });
    };
    try {
      await forEachLimit(
        page.filter((i) => i.status === 'pending'),
        START_CONCURRENCY,
        async (i) => {
          await (step === 'start'
            ? this.workflows.start(i, bulk)
            : this.workflows.signal(i, resendSignal, bulk));
          through.push(i);
          if (through.length >= RECORD_EVERY) await record();
        },
      );
    } finally {
      await record();
    }
    return totals;
  }

  async unsentEmails(batchId: string): Promise<number> {
    return countUnsentBatchEmails(sqlRunner(this.em), batchId);
  }

  /**
   * A cancelled bulk invite: invitations not emailed yet (never queued, or still waiting in the
   * email queue) are revoked, and the dispatcher drops their queued email; pending ones marked
   * for a re-send keep their current link. Those already emailed stay in the batch.
   */
  async cancel(batchId: string): Promise<{ revoked: number }> {
    const revoked = await revokeUnsentBatch(sqlRunner(this.em), batchId);
    return { revoked };
  }

  /** Moves the `done` invitations (all if not given) to `next`; the rest leave the batch. */
  private async mark(
    rows: BatchInvitation[],
    next: string | null,
    done?: Set<string>,
  ): Promise<void> {
    if (!rows.length) return;
    const ids = rows.map((i) => i.id);
    await moveBatchInvitations(sqlRunner(this.em), ids, done ? [...done] : ids, next);
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
