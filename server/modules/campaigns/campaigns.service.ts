import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sqlTransaction } from '../../database/sql-runner';
import { SettingsService } from '../settings/settings.service';
import { CampaignReader } from './campaign-reader.service';
import type { CampaignPreview, CampaignStatus } from './campaign.view';
import { CampaignMailerService } from './delivery/campaign-mailer.service';
import { CampaignWorkflowsService } from './delivery/campaign-workflows.service';
import { CampaignsErrors, campaignNotFound } from './campaigns.errors';
import type {
  CreateCampaignInput,
  PreviewCampaignInput,
  UpdateCampaignInput,
} from './campaigns.schemas';
import { temporalUnavailable } from '../../temporal/temporal-unavailable';

const notDraft = (status: CampaignStatus, what: string) =>
  CampaignsErrors.CAMPAIGN_NOT_DRAFT(`The campaign is ${status}: only a draft can be ${what}.`, {
    status,
  });

/** Staff's side of campaigns: compose a draft, try it, send it (now or later), cancel it. */
@Injectable()
export class CampaignsService {
  constructor(
    private readonly em: EntityManager,
    private readonly settings: SettingsService,
    private readonly reader: CampaignReader,
    private readonly mailer: CampaignMailerService,
    private readonly workflows: CampaignWorkflowsService,
  ) {}

  async create(input: CreateCampaignInput, staffId: string): Promise<string> {
    await this.settings.assertSender(input.senderEmail);
    await this.reader.segmentFilter(input.segmentId);
    const [row] = await this.em.getConnection().execute<{ id: string }[]>(
      `insert into campaign (name, subject, body, sender_email, segment_id, created_by_staff_id)
       values (?, ?, ?, ?, ?, ?) returning id`,
      [input.name, input.subject, input.body, input.senderEmail, input.segmentId, staffId],
    );
    return row.id;
  }

  async update(id: string, input: UpdateCampaignInput): Promise<void> {
    if (input.senderEmail) await this.settings.assertSender(input.senderEmail);
    if (input.segmentId) await this.reader.segmentFilter(input.segmentId);
    await sqlTransaction(this.em, async (sql) => {
      const [row] = await sql<{ status: CampaignStatus }[]>(
        'select status from campaign where id = ? for update',
        [id],
      );
      if (!row) throw campaignNotFound(id);
      if (row.status !== 'draft') throw notDraft(row.status, 'changed');
      await sql(
        `update campaign set name = coalesce(?, name), subject = coalesce(?, subject),
           body = coalesce(?, body), sender_email = coalesce(?, sender_email),
           segment_id = coalesce(?, segment_id), updated_at = now()
         where id = ?`,
        [
          input.name ?? null,
          input.subject ?? null,
          input.body ?? null,
          input.senderEmail ?? null,
          input.segmentId ?? null,
          id,
        ],
      );
    });
  }

  /** Only drafts: a sent campaign is the record of what went out. */
  async remove(id: string): Promise<void> {
    const [deleted] = await this.em
      .getConnection()
      .execute<{ id: string }[]>(
        `delete from campaign where id = ? and status = 'draft' returning id`,
        [id],
      );
    if (!deleted) throw notDraft((await this.reader.get(id)).status, 'deleted');
  }

  async preview(input: PreviewCampaignInput): Promise<CampaignPreview> {
    if (input.segmentId) await this.reader.segmentFilter(input.segmentId);
    return this.mailer.preview(input, input.segmentId ?? null);
  }

  sendTest(id: string, staffEmail: string): Promise<{ emailId: string; to: string }> {
    return this.mailer.sendTest(id, staffEmail);
  }

  /**
   * Marks the draft scheduled (or sending) and starts its workflow, which resolves the segment
   * when it is time. If Temporal cannot take it, the campaign is a draft again and nothing went.
   */
  async send(id: string, scheduledAt: Date | null): Promise<void> {
    const campaign = await this.reader.get(id);
    if (campaign.status !== 'draft') throw notDraft(campaign.status, 'sent');
    await this.settings.assertSender(campaign.senderEmail);
    await this.reader.segmentFilter(campaign.segmentId);
    const [claimed] = await this.em.getConnection().execute<{ id: string }[]>(
      `update campaign set status = ?, scheduled_at = ?, updated_at = now()
       where id = ? and status = 'draft' returning id`,
      [scheduledAt ? 'scheduled' : 'sending', scheduledAt?.toISOString() ?? null, id],
    );
    if (!claimed) throw notDraft((await this.reader.get(id)).status, 'sent');
    try {
      await this.workflows.start(id, scheduledAt);
    } catch (e) {
      const unavailable = temporalUnavailable(e);
      await this.em
        .getConnection()
        .execute(
          `update campaign set status = 'draft', scheduled_at = null, updated_at = now() where id = ?`,
          [id],
        );
      throw unavailable;
    }
  }

  /**
   * The database first (the dispatcher then drops the campaign's queued emails, and the
   * workflow's next step sees it), then the workflow is told.
   */
  async cancel(id: string): Promise<void> {
    await sqlTransaction(this.em, async (sql) => {
      const [row] = await sql<{ status: CampaignStatus }[]>(
        'select status from campaign where id = ? for update',
        [id],
      );
      if (!row) throw campaignNotFound(id);
      if (row.status !== 'scheduled' && row.status !== 'sending') {
        throw CampaignsErrors.CAMPAIGN_NOT_RUNNING(
          `The campaign is ${row.status}: only a scheduled or sending campaign can be cancelled.`,
          { status: row.status },
        );
      }
      await sql(
        `update campaign set status = 'cancelled', finished_at = now(), updated_at = now()
         where id = ?`,
        [id],
      );
    });
    await this.workflows.cancel(id);
  }
}
