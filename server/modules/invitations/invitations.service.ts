import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { type SignalDefinition } from '@temporalio/client';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { sqlRunner, sqlTransaction } from '../../database/sql-runner';
import { TemporalService } from '../../temporal/temporal.service';
import {
  cancelInvitationBatchSignal,
  invitationBatchWorkflowId,
  type InvitationBatchInput,
  type InvitationBatchProgress,
} from '@workflows/portal-invitation/invitation-batch.contract';
import { BULK_CONTROL_PRIORITY, INTERACTIVE_PRIORITY } from '@workflows/shared/priorities';
import {
  remindNowSignal,
  resendSignal,
  revokedSignal,
} from '@workflows/portal-invitation/portal-invitation.contract';
import { SettingsService } from '../settings/settings.service';
import {
  abandonBatchInvitations,
  claimReminder,
  endPendingInvitation,
  findPendingTiming,
  insertPendingInvitations,
  markForResend,
  restorePortalStatuses,
  setLastRemindedAt,
} from './invitations.repository';
import { findInvitationTargets, type InvitationTarget } from './invitation-targets.repository';
import {
  type InvitationView,
  type InviteResult,
  type SkippedTarget,
  type SkipReason,
} from './invitation.view';
import { formatFirmTime } from '../../common/time/firm-time';
import { InvitationReader } from './invitation-reader.service';
import { InvitationWorkflowsService } from './invitation-workflows.service';
import type { InviteInput } from './invitations.schemas';
import { InvitationsErrors } from './invitations.errors';
import { temporalUnavailable } from '../../temporal/temporal-unavailable';

const SKIP_MESSAGE: Record<SkipReason, string> = {
  accepted: 'Already uses the portal',
  no_email: 'Has no email address',
  suppressed: 'The address bounced or marked our email as spam, so it is not emailed again',
  already_invited: 'Already has a pending invitation',
  no_contact: 'Has no contact to invite',
  offline: 'An offline profile is not in the portal; invite its standard client instead',
};
const MAX_SKIPPED_LISTED = 1000;
/** Up to this many picked at once is a staff member's own action, sent ahead of bulk work. */
const INTERACTIVE_BATCH_MAX = 10;

/** Staff's side of invitations: inviting many at once and following up on one. */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly em: EntityManager,
    private readonly reader: InvitationReader,
    private readonly settings: SettingsService,
    private readonly temporal: TemporalService,
    private readonly workflows: InvitationWorkflowsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Classifies the targets, records one invitation per invitable contact (and marks pending
   * ones for a re-send) in one transaction, then hands the batch to a workflow. The answer does
   * not wait for emails or per-contact workflows, so inviting 10,000 takes a second.
   */
  async invite(input: InviteInput, staffId: string): Promise<InviteResult> {
    const settings = await this.settings.assertSender(input.senderEmail);
    const batchId = randomUUID();
    const plan = await sqlTransaction(this.em, async (sql) => {
      const found = await findInvitationTargets(sql, input);
      this.assertAllFound(input, found);
      const skipped: SkippedTarget[] = [];
      const fresh: InvitationTarget[] = [];
      const resend: InvitationTarget[] = [];
      // Offline profiles first: one sharing its contact with a standard client must not take
      // that contact's one invitation.
      const offline = found.filter((t) => t.client_type === 'offline');
      for (const t of offline) skipped.push(describe(t, 'offline'));
      for (const t of onePerContact(found.filter((t) => t.client_type !== 'offline'))) {
        const reason = skipReason(t, input.pending);
        if (reason) skipped.push(describe(t, reason));
        else (t.pending_id ? resend : fresh).push(t);
      }
      const createdIds = await insertPendingInvitations(sql, {
        contactIds: fresh.map((t) => t.contact_id!),
        senderEmail: input.senderEmail,
        staffId,
        settings,
        batchId,
      });
      // Invited by someone else a moment ago.
      for (const t of fresh) {
        if (!createdIds.has(t.contact_id!)) skipped.push(describe(t, 'already_invited'));
      }
      const resent = await markForResend(
        sql,
        batchId,
        input.senderEmail,
        resend.map((t) => t.pending_id),
      );
      const previous = fresh.filter((t) => createdIds.has(t.contact_id!));
      return { invited: createdIds.size, resent: resent.length, skipped, previous };
    });
    const { invited, resent, skipped } = plan;
    const result = {
      invited,
      resent,
      skipped: skipped.slice(0, MAX_SKIPPED_LISTED),
      skippedCount: skipped.length,
      batchId: null as string | null,
      workflowId: null as string | null,
    };
    if (!invited && !resent) return result;
    const workflowId = invitationBatchWorkflowId(batchId);
    const total = invited + resent;
    const batch: InvitationBatchInput = { batchId, total, bulk: total > INTERACTIVE_BATCH_MAX };
    try {
      await this.temporal.start('invitationBatchWorkflow', {
        workflowId,
        taskQueue: this.temporal.taskQueue,
        priority: batch.bulk ? BULK_CONTROL_PRIORITY : INTERACTIVE_PRIORITY,
        args: [batch],
      });
    } catch (e) {
      const unavailable = temporalUnavailable(e);
      await this.abandonBatch(batchId, plan.previous);
      throw unavailable;
    }
    return { ...result, batchId, workflowId };
  }

  /** Stops a bulk invite: whoever has not been emailed yet is not invited after all. */
  async cancelBatch(batchId: string): Promise<InvitationBatchProgress | null> {
    await this.reader.assertBatch(batchId);
    try {
      await this.temporal.client.workflow
        .getHandle(invitationBatchWorkflowId(batchId))
        .signal(cancelInvitationBatchSignal);
    } catch (e) {
      throw temporalUnavailable(e);
    }
    return this.reader.batchProgress(batchId);
  }

  /** The bell: one reminder now, at most one per contact per cooldown (an hour by default). */
  async remind(id: string): Promise<InvitationView> {
    const current = await this.pending(id);
    const cooldown = this.config.INVITE_REMIND_COOLDOWN_SECONDS;
    if (!(await claimReminder(sqlRunner(this.em), id, cooldown))) {
      const retryAt =
        current.remindAvailableAt ?? new Date(Date.now() + cooldown * 1000).toISOString();
      const { timeZone } = await this.settings.get();
      throw InvitationsErrors.REMIND_TOO_SOON(
        `A reminder was sent to ${current.contactEmail} less than ${Math.round(cooldown / 60)} minutes ago; try again after ${formatFirmTime(retryAt, timeZone)}.`,
        { retryAt },
      );
    }
    try {
      await this.signal(id, remindNowSignal);
    } catch (e) {
      // Nothing was sent: the bell stays available.
      await setLastRemindedAt(sqlRunner(this.em), id, current.lastRemindedAt);
      throw e;
    }
    return this.reader.get(id);
  }

  /** A new link now; every earlier link of this invitation stops working. */
  async resend(id: string): Promise<InvitationView> {
    await this.pending(id);
    await this.signal(id, resendSignal);
    return this.reader.get(id);
  }

  async revoke(id: string, staffName: string): Promise<InvitationView> {
    const { contactId } = await this.pending(id);
    await endPendingInvitation(sqlRunner(this.em), id, 'revoked', `Revoked by ${staffName}`);
    await this.workflows.notify(contactId, revokedSignal);
    return this.reader.get(id);
  }

  private async pending(id: string): Promise<InvitationView> {
    const invitation = await this.reader.get(id);
    if (invitation.status !== 'pending') {
      throw InvitationsErrors.INVITATION_NOT_PENDING(
        `This invitation is ${invitation.status}; invite ${invitation.contactEmail} again instead.`,
      );
    }
    return invitation;
  }

  /** Signal-with-start, so a pending invitation whose workflow is gone gets a new one. */
  private async signal(id: string, signal: SignalDefinition): Promise<void> {
    const row = await findPendingTiming(sqlRunner(this.em), id);
    if (!row) {
      throw InvitationsErrors.INVITATION_NOT_PENDING('This invitation is no longer pending.');
    }
    try {
      await this.workflows.signal(row, signal);
    } catch (e) {
      throw temporalUnavailable(e);
    }
  }

  /** The batch workflow could not start: nothing of the batch is left behind. */
  private async abandonBatch(batchId: string, previous: InvitationTarget[]): Promise<void> {
    await sqlTransaction(this.em, async (sql) => {
      await abandonBatchInvitations(sql, batchId);
      await restorePortalStatuses(sql, previous);
    });
  }

  private assertAllFound(input: InviteInput, found: InvitationTarget[]): void {
    const asked = input.contactIds ?? input.clientIds;
    if (!asked) return;
    const seen = new Set(found.flatMap((t) => [t.contact_id, t.client_id]));
    const missing = [...new Set(asked)].filter((id) => !seen.has(id));
    if (missing.length) {
      const what = input.contactIds ? 'contactIds: no contact' : 'clientIds: no client';
      throw InvitationsErrors.INVITATION_UNKNOWN_TARGETS(
        `${what} with id ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`,
        { missing },
      );
    }
  }
}

/** Two clients with the same primary contact (a person and their company) make one invitation. */
function onePerContact(targets: InvitationTarget[]): InvitationTarget[] {
  const seen = new Set<string>();
  return targets.filter((t) => {
    if (!t.contact_id) return true;
    if (seen.has(t.contact_id)) return false;
    seen.add(t.contact_id);
    return true;
  });
}

function skipReason(t: InvitationTarget, pending: 'skip' | 'resend'): SkipReason | null {
  if (!t.contact_id) return t.client_email ? 'no_contact' : 'no_email';
  if (t.portal_status === 'accepted') return 'accepted';
  if (t.suppressed) return 'suppressed';
  if (t.pending_id && pending === 'skip') return 'already_invited';
  return null;
}

const describe = (t: InvitationTarget, reason: SkipReason): SkippedTarget => ({
  contactId: t.contact_id,
  clientId: t.client_id,
  name: t.name,
  email: t.email,
  reason,
  message: SKIP_MESSAGE[reason],
});
