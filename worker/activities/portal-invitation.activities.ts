import { Injectable } from '@nestjs/common';
import { Context } from '@temporalio/activity';
import {
  InvitationBatchService,
  type PageProgress,
} from '../../server/modules/invitations/delivery/invitation-batch.service';
import { InvitationMailerService } from '../../server/modules/invitations/delivery/invitation-mailer.service';
import type {
  InvitationBatchActivities,
  InvitationBatchStep,
} from '../../workflows/portal-invitation/invitation-batch.contract';
import type {
  InvitationEmailStep,
  PortalInvitationActivities,
} from '../../workflows/portal-invitation/portal-invitation.contract';

@Injectable()
export class PortalInvitationActivitiesImpl
  implements PortalInvitationActivities, InvitationBatchActivities
{
  constructor(
    private readonly mailer: InvitationMailerService,
    private readonly batches: InvitationBatchService,
  ) {}

  async queueInvitationEmail(step: InvitationEmailStep): Promise<{ pending: boolean }> {
    const run = Context.current().info.workflowExecution?.runId ?? 'unknown-run';
    const pending = await this.mailer.queue([step], run);
    return { pending: pending.has(step.invitationId) };
  }

  expireInvitation(invitationId: string): Promise<void> {
    return this.mailer.expire(invitationId);
  }

  /** A retry carries on from what its failed attempt got through, which the heartbeat holds. */
  runInvitationBatchPage(
    batchId: string,
    step: InvitationBatchStep,
    bulk: boolean,
  ): Promise<PageProgress> {
    const context = Context.current();
    const resumed = context.info.heartbeatDetails as PageProgress | undefined;
    return this.batches.runPage(batchId, step, bulk, resumed, (p) => context.heartbeat(p));
  }

  countUnsentBatchEmails(batchId: string): Promise<number> {
    return this.batches.unsentEmails(batchId);
  }

  cancelInvitationBatch(batchId: string): Promise<{ revoked: number }> {
    return this.batches.cancel(batchId);
  }
}
