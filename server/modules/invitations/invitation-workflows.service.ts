import { Injectable, Logger } from '@nestjs/common';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  type SignalDefinition,
} from '@temporalio/client';
import type { StartOptionsOf } from '../../temporal/registered-workflows';
import { TemporalService } from '../../temporal/temporal.service';
import { portalInvitationWorkflowId } from '@workflows/portal-invitation/portal-invitation.contract';
import { priorityOf } from '@workflows/shared/priorities';
import { invitationWorkflowInput, type InvitationTimingRow } from './invitation-workflow-input';

/**
 * Starts and signals a contact's `portal-invitation-<contactId>` workflow for one invitation.
 * The id is the contact's, so a workflow still running for an ended invitation (its stop
 * signal lost) would swallow the new one's signals: it is recognised by its memo and replaced.
 */
@Injectable()
export class InvitationWorkflowsService {
  private readonly logger = new Logger(InvitationWorkflowsService.name);

  constructor(private readonly temporal: TemporalService) {}

  /** `bulk`: one of a bulk invite's, at bulk priority (its scheduled reminders are bulk email). */
  async start(invitation: InvitationTimingRow, bulk = false): Promise<void> {
    try {
      await this.temporal.start('portalInvitationWorkflow', this.options(invitation, bulk));
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
      // Ours (an earlier attempt started it), or a stale one to replace.
      if (await this.replaceStale(invitation)) await this.start(invitation, bulk);
    }
  }

  /**
   * Signal-with-start: a pending invitation whose workflow is gone gets a new one. Staff's
   * signal (not `bulk`) first lifts a bulk invite's workflow to interactive priority, so the
   * bell is not handled behind the bulk backlog.
   */
  async signal(
    invitation: InvitationTimingRow,
    signal: SignalDefinition,
    bulk = false,
  ): Promise<void> {
    if (!(await this.replaceStale(invitation)) && !bulk) await this.lift(invitation);
    await this.temporal.signalWithStart('portalInvitationWorkflow', {
      ...this.options(invitation, bulk),
      signal,
    });
  }

  /** Best effort: a workflow that is gone is started anew by the signal, at this priority. */
  private async lift(invitation: InvitationTimingRow): Promise<void> {
    try {
      await this.temporal.client.workflowService.updateWorkflowExecutionOptions({
        namespace: this.temporal.client.options.namespace,
        workflowExecution: { workflowId: portalInvitationWorkflowId(invitation.contact_id) },
        workflowExecutionOptions: { priority: priorityOf(false) },
        updateMask: { paths: ['priority'] },
      });
    } catch (e) {
      this.logger.debug(`Priority of ${invitation.contact_id}'s workflow unchanged: ${e}`);
    }
  }

  /**
   * Tells the contact's workflow what the database already says (accepted, revoked, bounced).
   * Best effort: a workflow that is gone or misses it stops at its next step anyway.
   */
  async notify(contactId: string, signal: SignalDefinition): Promise<void> {
    try {
      await this.temporal.client.workflow
        .getHandle(portalInvitationWorkflowId(contactId))
        .signal(signal);
    } catch (e) {
      if (!(e instanceof WorkflowNotFoundError)) this.logger.warn(e);
    }
  }

  /** True when a running workflow of another invitation was terminated. */
  private async replaceStale(invitation: InvitationTimingRow): Promise<boolean> {
    const handle = this.temporal.client.workflow.getHandle(
      portalInvitationWorkflowId(invitation.contact_id),
    );
    try {
      const run = await handle.describe();
      if (run.status.name !== 'RUNNING' || run.memo?.invitationId === invitation.id) return false;
      await handle.terminate(`Superseded by invitation ${invitation.id}`);
      return true;
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) return false;
      throw e;
    }
  }

  private options(
    invitation: InvitationTimingRow,
    bulk: boolean,
  ): StartOptionsOf<'portalInvitationWorkflow'> {
    return {
      workflowId: portalInvitationWorkflowId(invitation.contact_id),
      taskQueue: this.temporal.taskQueue,
      priority: priorityOf(bulk),
      args: [{ ...invitationWorkflowInput(invitation), bulk }],
      memo: { invitationId: invitation.id },
      searchAttributes: { ContactId: [invitation.contact_id] },
    };
  }
}
