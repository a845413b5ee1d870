import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sqlRunner, sqlTransaction } from '../../database/sql-runner';
import { SettingsService } from '../settings/settings.service';
import { CampaignReader } from './campaign-reader.service';
import type { CampaignPreview, CampaignStatus } from './campaign.view';
import { CampaignMailerService } from './delivery/campaign-mailer.service';
import { CampaignWorkflowsService } from './delivery/campaign-workflows.service';
import { CampaignsErrors, campaignNotFound } from './campaigns.errors';
import {
  claimDraftForSending,
  deleteDraftCampaign,
  insertCampaign,
  lockCampaignStatus,
  markCampaignCancelled,
  revertCampaignToDraft,
  updateCampaignFields,
} from './campaigns.repository';
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
    return insertCampaign(sqlRunner(this.em), input, staffId);
  }

  async update(id: string, input: UpdateCampaignInput): Promise<void> {
    if (input.senderEmail) await this.settings.assertSender(input.senderEmail);
    if (input.segmentId) await this.reader.segmentFilter(input.segmentId);
    await sqlTransaction(this.em, async (sql) => {
      const status = await lockCampaignStatus(sql, id);
      if (!status) throw campaignNotFound(id);
      if (status !== 'draft') throw notDraft(status, 'changed');
      await updateCampaignFields(sql, id, input);
    });
  }

  /** Only drafts: a sent campaign is the record of what went out. */
  async remove(id: string): Promise<void> {
    if (!(await deleteDraftCampaign(sqlRunner(this.em), id)))
      throw notDraft((await this.reader.get(id)).status, 'deleted');
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
    const sql = sqlRunner(this.em);
    if (!(await claimDraftForSending(sql, id, scheduledAt)))
      throw notDraft((await this.reader.get(id)).status, 'sent');
    try {
      await this.workflows.start(id, scheduledAt);
    } catch (e) {
      const unavailable = temporalUnavailable(e);
      await revertCampaignToDraft(sql, id);
      throw unavailable;
    }
  }

  /**
   * The database first (the dispatcher then drops the campaign's queued emails, and the
   * workflow's next step sees it), then the workflow is told.
   */
  async cancel(id: string): Promise<void> {
    await sqlTransaction(this.em, async (sql) => {
      const status = await lockCampaignStatus(sql, id);
      if (!status) throw campaignNotFound(id);
      if (status !== 'scheduled' && status !== 'sending') {
        throw CampaignsErrors.CAMPAIGN_NOT_RUNNING(
          `The campaign is ${status}: only a scheduled or sending campaign can be cancelled.`,
          { status },
        );
      }
      await markCampaignCancelled(sql, id);
    });
    await this.workflows.cancel(id);
  }
}
