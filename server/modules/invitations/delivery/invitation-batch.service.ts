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
  batch_action: 'start' | 'resend';
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
    const conn = this.em.getConnection();
    const totals = { started: 0, resent: 0 };
    for (;;) {
      const page = await conn.execute<BatchInvitation[]>(
        `select id, contact_id, batch_action, max_reminders, reminder_interval_seconds,
           expiry_seconds, created_at
         from invitation where batch_id = ? and batch_action is not null order by id limit ?`,
        [batchId, PAGE],
      );
      if (!page.length) return totals;
      const starts = page.filter((i) => i.batch_action === 'start');
      const pending = await this.mailer.queue(starts.map(firstStep));
      await forEachLimit(starts, START_CONCURRENCY, async (i) => {
        if (pending.has(i.id)) await this.start(i);
      });
      await forEachLimit(
        page.filter((i) => i.batch_action === 'resend'),
        START_CONCURRENCY,
        (i) => this.resend(i),
      );
      await conn.execute('update invitation set batch_action = null where id = any(?::uuid[])', [
        pgArray(page.map((i) => i.id)),
      ]);
      totals.started += starts.length;
      totals.resent += page.length - starts.length;
      heartbeat(totals.started + totals.resent);
    }
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
