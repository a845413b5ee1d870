import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { Page } from '../../common/http/content-range';
import type { ListQuery } from '../../common/http/list-query';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { pgArray } from '../../database/pg-array';
import { SqlWhere } from '../../database/sql-where';
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
import {
  INVITATION_COLUMNS,
  toInvitationSummary,
  type InvitationRow,
  type InvitationView,
} from './invitation.view';
import type { InvitationFilter } from './invitations.schemas';
import { InvitationsErrors } from './invitations.errors';

/** Reads invitations as the API shows them: lists, one with its workflow's view, bulk progress. */
@Injectable()
export class InvitationReader {
  constructor(
    private readonly em: EntityManager,
    private readonly temporal: TemporalService,
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
    const [found] = await this.em
      .getConnection()
      .execute('select 1 from invitation where batch_id = ? limit 1', [batchId]);
    if (!found) {
      throw InvitationsErrors.INVITATION_NOT_FOUND(`No bulk invite with id ${batchId}`);
    }
  }

  async list(query: ListQuery<InvitationFilter>): Promise<Page<InvitationView>> {
    const { contactId, status, id } = query.filter;
    const filter = new SqlWhere()
      .add(contactId, 'i.contact_id = ?', contactId)
      .add(status?.length, 'i.status = any(?::text[])', pgArray(status ?? []))
      .add(id?.length, 'i.id = any(?::uuid[])', pgArray(id ?? []));
    const [where, params] = [filter.sql, filter.params];
    const conn = this.em.getConnection();
    const dir = query.sort.order === 'DESC' ? 'desc' : 'asc';
    const [rows, [{ total }]] = await Promise.all([
      conn.execute<(InvitationRow & { contact_email: string })[]>(
        `select ${INVITATION_COLUMNS}, ct.email as contact_email from invitation i
         join contact ct on ct.id = i.contact_id ${where}
         order by i.${query.sort.field === 'expiresAt' ? 'expires_at' : 'created_at'} ${dir}, i.id
         offset ? limit ?`,
        [...params, query.range.start, query.range.end - query.range.start + 1],
      ),
      conn.execute<{ total: number }[]>(
        `select count(*)::int as total from invitation i ${where}`,
        params,
      ),
    ]);
    return { items: rows.map((r) => this.view(r)), total };
  }

  async get(id: string): Promise<InvitationView> {
    const [row] = await this.em
      .getConnection()
      .execute<(InvitationRow & { contact_email: string })[]>(
        `select ${INVITATION_COLUMNS}, ct.email as contact_email from invitation i
       join contact ct on ct.id = i.contact_id where i.id = ?`,
        [id],
      );
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

  private view(r: InvitationRow & { contact_email: string }): InvitationView {
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
