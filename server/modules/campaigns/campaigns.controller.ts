import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiView, ApiListView } from '../../common/openapi/api-response';
import { ApiListQuery } from '../../common/openapi/zod-openapi';
import type { Response } from 'express';
import { Audited } from '../../common/audit/audited.decorator';
import { CurrentPrincipal, RequireRole } from '../../common/auth/auth.decorators';
import type { StaffPrincipal } from '../../common/auth/principal';
import { sendPage } from '../../common/http/content-range';
import { parseListQuery } from '../../common/http/list-query';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe';
import { ZodBodyPipe } from '../../common/validation/zod-body.pipe';
import { CampaignReader } from './campaign-reader.service';
import {
  type CampaignAudience,
  campaignAudienceSchema,
  type CampaignPreview,
  campaignPreviewSchema,
  campaignRecipientViewSchema,
  type CampaignView,
  campaignViewSchema,
} from './campaign.view';
import { CampaignWorkflowsService } from './delivery/campaign-workflows.service';
import {
  CAMPAIGN_SORTABLE,
  RECIPIENT_SORTABLE,
  campaignFilterSchema,
  createCampaignSchema,
  previewCampaignSchema,
  recipientFilterSchema,
  sendCampaignSchema,
  updateCampaignSchema,
  type CreateCampaignInput,
  type PreviewCampaignInput,
  type SendCampaignInput,
  type UpdateCampaignInput,
} from './campaigns.schemas';
import { CampaignsService } from './campaigns.service';

const testSentSchema = z.object({ emailId: z.uuid(), to: z.string() });

const campaignEvent = (summary: (c: CampaignView) => string) => (c: CampaignView) => ({
  summary: summary(c),
  targetType: 'campaign',
  targetId: c.id,
});

/**
 * Campaigns go to segments of every client, so, like segments, they are the Staff Admins'
 * (who manage the firm's contacts).
 */
@ApiTags('campaigns')
@RequireRole('staff_admin')
@Controller('campaigns')
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly reader: CampaignReader,
    private readonly workflows: CampaignWorkflowsService,
  ) {}

  @ApiListQuery(campaignFilterSchema, CAMPAIGN_SORTABLE)
  @ApiListView(campaignViewSchema)
  @ApiOperation({ summary: 'List email campaigns' })
  @Get()
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, {
      sortable: CAMPAIGN_SORTABLE,
      defaultSort: { field: 'createdAt', order: 'DESC' },
      filter: campaignFilterSchema,
    });
    return sendPage(res, 'campaigns', q.range, await this.reader.list(q));
  }

  @Audited('campaign.created', campaignEvent((c) => `Created campaign "${c.name}"`))
  @ApiView(campaignViewSchema)
  @ApiOperation({ summary: 'Create a campaign (draft)' })
  @Post()
  async create(
    @Body(new ZodBodyPipe(createCampaignSchema)) body: CreateCampaignInput,
    @CurrentPrincipal() staff: StaffPrincipal,
  ): Promise<CampaignView> {
    return this.view(await this.campaigns.create(body, staff.id));
  }

  /** The message as a recipient would see it, while composing: nothing is saved. */
  @ApiView(campaignPreviewSchema)
  @ApiOperation({ summary: 'Render a campaign’s email without saving it' })
  @Post('preview')
  @HttpCode(200)
  preview(
    @Body(new ZodBodyPipe(previewCampaignSchema)) body: PreviewCampaignInput,
  ): Promise<CampaignPreview> {
    return this.campaigns.preview(body);
  }

  @ApiView(campaignViewSchema)
  @ApiOperation({ summary: 'One campaign with its delivery counts' })
  @Get(':id')
  get(@Param('id', UuidParamPipe) id: string): Promise<CampaignView> {
    return this.view(id);
  }

  @Audited('campaign.updated', campaignEvent((c) => `Changed campaign "${c.name}"`))
  @ApiView(campaignViewSchema)
  @ApiOperation({ summary: 'Edit a draft campaign' })
  @Put(':id')
  async update(
    @Param('id', UuidParamPipe) id: string,
    @Body(new ZodBodyPipe(updateCampaignSchema)) body: UpdateCampaignInput,
  ): Promise<CampaignView> {
    await this.campaigns.update(id, body);
    return this.view(id);
  }

  @Audited('campaign.deleted', campaignEvent((c) => `Deleted campaign "${c.name}"`))
  @ApiView(campaignViewSchema)
  @ApiOperation({ summary: 'Delete a draft campaign' })
  @Delete(':id')
  async remove(@Param('id', UuidParamPipe) id: string): Promise<CampaignView> {
    const view = await this.reader.get(id);
    await this.campaigns.remove(id);
    return view;
  }

  /** Who the segment reaches now: the recipient count before sending. */
  @ApiView(campaignAudienceSchema)
  @ApiOperation({ summary: 'How many contacts the campaign would reach' })
  @Get(':id/audience')
  audience(@Param('id', UuidParamPipe) id: string): Promise<CampaignAudience> {
    return this.reader.audience(id);
  }

  @ApiListQuery(recipientFilterSchema, RECIPIENT_SORTABLE)
  @ApiListView(campaignRecipientViewSchema)
  @ApiOperation({ summary: 'List a campaign’s recipients and their delivery status' })
  @Get(':id/recipients')
  async recipients(
    @Param('id', UuidParamPipe) id: string,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const q = parseListQuery(query, {
      sortable: RECIPIENT_SORTABLE,
      defaultSort: { field: 'email', order: 'ASC' },
      filter: recipientFilterSchema,
    });
    return sendPage(res, 'recipients', q.range, await this.reader.recipients(id, q));
  }

  @Audited('campaign.test_sent', (r: { to: string }, req) => ({
    summary: `Sent a test of a campaign to ${r.to}`,
    targetType: 'campaign',
    targetId: req.params.id as string,
  }))
  @ApiView(testSentSchema)
  @ApiOperation({ summary: 'Send the campaign to one test address' })
  @Post(':id/test')
  @HttpCode(202)
  sendTest(
    @Param('id', UuidParamPipe) id: string,
    @CurrentPrincipal() staff: StaffPrincipal,
  ): Promise<{ emailId: string; to: string }> {
    return this.campaigns.sendTest(id, staff.email);
  }

  /** 202: the workflow sends it (now or at `scheduledAt`); progress shows in the stats. */
  @Audited(
    'campaign.sent',
    campaignEvent((c) =>
      c.status === 'scheduled'
        ? `Scheduled campaign "${c.name}" for ${c.scheduledAt}`
        : `Started sending campaign "${c.name}"`,
    ),
  )
  @ApiView(campaignViewSchema)
  @ApiOperation({ summary: 'Send the campaign now or at its scheduled time' })
  @Post(':id/send')
  @HttpCode(202)
  async send(
    @Param('id', UuidParamPipe) id: string,
    @Body(new ZodBodyPipe(sendCampaignSchema)) body: SendCampaignInput,
  ): Promise<CampaignView> {
    await this.campaigns.send(id, body.scheduledAt ?? null);
    return this.view(id);
  }

  @Audited('campaign.cancelled', campaignEvent((c) => `Cancelled campaign "${c.name}"`))
  @ApiView(campaignViewSchema)
  @ApiOperation({ summary: 'Cancel a scheduled or sending campaign' })
  @Post(':id/cancel')
  @HttpCode(200)
  async cancel(@Param('id', UuidParamPipe) id: string): Promise<CampaignView> {
    await this.campaigns.cancel(id);
    return this.view(id);
  }

  /**
   * The campaign with its workflow once sent; live status only while it runs (a query waits for
   * a worker, and the database says all there is about a finished one).
   */
  private async view(id: string): Promise<CampaignView> {
    const view = await this.reader.get(id);
    if (view.status === 'draft') return view;
    const running = view.status === 'scheduled' || view.status === 'sending';
    const status = running ? await this.workflows.status(id) : null;
    return {
      ...view,
      workflow: {
        id: this.workflows.workflowId(id),
        url: this.workflows.workflowUrl(id),
        status: status && { state: status.state, total: status.total, queued: status.queued },
      },
    };
  }
}
