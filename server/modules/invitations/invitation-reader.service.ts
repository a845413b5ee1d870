import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { Page } from '../../common/http/content-range';
import type { ListQuery } from '../../common/http/list-query';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { SampledLists } from '../../database/sampled-lists.service';
import { sqlRunner } from '../../database/sql-runner';
import { TemporalService } from '../../temporal/temporal.service';
import {
  invitationBatchProgressQuery,
  invitationBatchWorkflowId,
  type InvitationBatchProgress,
} from '@workflows/portal-invitation/invitation-batch.contract';
import {
  invitationStatusQuery,
  type InvitationWorkflowStatus,
} from '@workflows/portal-invitation/portal-invitation.contract';
import { toInvitationSummary, type InvitationView } from './invitation.view';
import { invitationListSpec } from './invitation-list.repository';
import type { InvitationFilter, InvitationSortField } from './invitations.schemas';
import { InvitationsErrors } from './invitations.errors';
import {
  batchExists,
  findInvitationsWithEmail,
  type InvitationWithEmail,
} from './invitations.repository';

/** Reads invitations as the API shows them: lists, one with its workflow's view, bulk progress. */
@Injectable()
export class InvitationReader {
  constructor(
    private readonly em: EntityManager,
    private readonly temporal: TemporalService,
    private readonly lists: SampledLists,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A bulk invite's progress, live from its workflow; null when Temporal does not answer. */
  async batchProgress(batchId: string): Promise<InvitationBatchProgress | null> {
    await this.assertBatch(batchId);
    return this.temporal.queryWithin(
      invitationBatchWorkflowId(batchId),
      invitationBatchProgressQuery,
      { ms: 2000 },
    );
  }

  /** 404 unless a bulk invite with this id was made. */
  async assertBatch(batchId: string): Promise<void> {
    if (!(await batchExists(sqlRunner(this.em), batchId))) {
      throw InvitationsErrors.INVITATION_NOT_FOUND(`No bulk invite with id ${batchId}`);
    }
  }

  /** A page planned from a sample on a large table (see sampledList). */
  async list(
    query: ListQuery<InvitationFilter, InvitationSortField>,
  ): Promise<Page<InvitationView>> {
    const page = await this.lists.pageOf(invitationListSpec(query), findInvitationsWithEmail);
    return {
      items: page.rows.map((r) => this.view(r)),
      total: page.total,
      estimated: page.estimated,
    };
  }

  async get(id: string): Promise<InvitationView> {
    const [row] = await findInvitationsWithEmail(sqlRunner(this.em), [id]);
    if (!row) {
      throw InvitationsErrors.INVITATION_NOT_FOUND(`No invitation with id ${id}`);
    }
    return this.view(row);
  }

  /** One invitation with its workflow's live view (state, reminders, next reminder, expiry). */
  async getLive(
    id: string,
  ): Promise<InvitationView & { workflow: InvitationWorkflowStatus | null }> {
    const view = await this.get(id);
    // The workflow id is the contact's: once this invitation ended it may run a newer one.
    if (view.status !== 'pending') return { ...view, workflow: null };
    // A finished or unreachable workflow leaves the database's view, which is the record.
    const workflow = await this.temporal.queryWithin(view.workflowId, invitationStatusQuery, {
      ms: 2000,
    });
    return { ...view, workflow };
  }

  private view(r: InvitationWithEmail): InvitationView {
    return {
      ...toInvitationSummary(r, {
        workflowUrl: (id) => this.temporal.workflowUrl(id),
        remindCooldownMs: this.config.INVITE_REMIND_COOLDOWN_SECONDS * 1000,
      }),
      contactId: r.contact_id,
      contactEmail: r.contact_email,
    };
  }
}
