import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
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
import { PlaybookRunWorkflows } from './delivery/playbook-run-workflows.service';
import { PlaybookReader } from './playbook-reader.service';
import {
  type PlaybookRunDetailView,
  playbookRunDetailViewSchema,
  playbookRunViewSchema,
} from './playbook.view';
import {
  emptyBodySchema,
  PLAYBOOK_RUN_SORTABLE,
  playbookRunFilterSchema,
} from './playbooks.schemas';
import { PlaybooksService } from './playbooks.service';

/** Runs of every playbook (filter by client for a client's page); Staff Admins only, as playbooks. */
@ApiTags('playbooks')
@RequireRole('staff_admin')
@Controller('playbook-runs')
export class PlaybookRunsController {
  constructor(
    private readonly reader: PlaybookReader,
    private readonly playbooks: PlaybooksService,
    private readonly workflows: PlaybookRunWorkflows,
  ) {}

  @ApiListQuery(playbookRunFilterSchema, PLAYBOOK_RUN_SORTABLE)
  @ApiListView(playbookRunViewSchema)
  @ApiOperation({ summary: 'List playbook runs' })
  @Get()
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, {
      sortable: PLAYBOOK_RUN_SORTABLE,
      defaultSort: { field: 'startedAt', order: 'DESC' },
      filter: playbookRunFilterSchema,
    });
    return sendPage(res, 'playbook-runs', q.range, await this.reader.listRuns(q));
  }

  @ApiView(playbookRunDetailViewSchema)
  @ApiOperation({ summary: 'One playbook run with its log' })
  @Get(':id')
  get(@Param('id', UuidParamPipe) id: string): Promise<PlaybookRunDetailView> {
    return this.detail(id);
  }

  @Audited('playbook_run.cancelled', (r: PlaybookRunDetailView) => ({
    summary: `Cancelled playbook "${r.playbookName}" for ${r.clientName}`,
    targetType: 'playbook_run',
    targetId: r.id,
    clientId: r.clientId,
  }))
  @ApiView(playbookRunDetailViewSchema)
  @ApiOperation({ summary: 'Cancel a playbook run' })
  @Post(':id/cancel')
  @HttpCode(200)
  async cancel(
    @Param('id', UuidParamPipe) id: string,
    @Body(new ZodBodyPipe(emptyBodySchema)) _body: object,
    @CurrentPrincipal() principal: StaffPrincipal,
  ): Promise<PlaybookRunDetailView> {
    await this.playbooks.cancelRun(id, principal.email);
    return this.detail(id);
  }

  private async detail(id: string): Promise<PlaybookRunDetailView> {
    const { view, steps, temporalRunId } = await this.reader.getRun(id);
    const workflowId = view.workflowId;
    return {
      ...view,
      steps,
      workflow: workflowId
        ? {
            id: workflowId,
            url: this.workflows.workflowUrl(workflowId),
            status: await this.workflows.status(workflowId, temporalRunId),
          }
        : null,
    };
  }
}
