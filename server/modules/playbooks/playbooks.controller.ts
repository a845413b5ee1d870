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
import { PlaybookReader } from './playbook-reader.service';
import { playbookRunViewSchema, type PlaybookView, playbookViewSchema } from './playbook.view';
import {
  createPlaybookSchema,
  emptyBodySchema,
  PLAYBOOK_RUN_SORTABLE,
  PLAYBOOK_SORTABLE,
  playbookFilterSchema,
  playbookRunFilterSchema,
  updatePlaybookSchema,
  type CreatePlaybookInput,
  type UpdatePlaybookInput,
} from './playbooks.schemas';
import { PlaybooksService } from './playbooks.service';

const event = (verb: string) => (p: PlaybookView) => ({
  summary: `${verb} playbook "${p.name}"`,
  targetType: 'playbook',
  targetId: p.id,
});

/**
 * Playbooks act on every client of the firm (emails, requests, tags) on their own, so only
 * Staff Admins see and manage them.
 */
@ApiTags('playbooks')
@RequireRole('staff_admin')
@Controller('playbooks')
export class PlaybooksController {
  constructor(
    private readonly playbooks: PlaybooksService,
    private readonly reader: PlaybookReader,
  ) {}

  @ApiListQuery(playbookFilterSchema, PLAYBOOK_SORTABLE)
  @ApiListView(playbookViewSchema)
  @ApiOperation({ summary: 'List playbooks' })
  @Get()
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, {
      sortable: PLAYBOOK_SORTABLE,
      defaultSort: { field: 'name', order: 'ASC' },
      filter: playbookFilterSchema,
    });
    return sendPage(res, 'playbooks', q.range, await this.reader.list(q));
  }

  @ApiView(playbookViewSchema)
  @ApiOperation({ summary: 'One playbook with its steps' })
  @Get(':id')
  get(@Param('id', UuidParamPipe) id: string): Promise<PlaybookView> {
    return this.reader.get(id);
  }

  @Audited('playbook.created', event('Created'))
  @ApiView(playbookViewSchema)
  @ApiOperation({ summary: 'Create a playbook' })
  @Post()
  async create(
    @Body(new ZodBodyPipe(createPlaybookSchema)) body: CreatePlaybookInput,
    @CurrentPrincipal() principal: StaffPrincipal,
  ): Promise<PlaybookView> {
    return this.reader.get(await this.playbooks.create(body, principal.id));
  }

  @Audited('playbook.updated', event('Updated'))
  @ApiView(playbookViewSchema)
  @ApiOperation({ summary: 'Edit a playbook' })
  @Put(':id')
  async update(
    @Param('id', UuidParamPipe) id: string,
    @Body(new ZodBodyPipe(updatePlaybookSchema)) body: UpdatePlaybookInput,
  ): Promise<PlaybookView> {
    await this.playbooks.update(id, body);
    return this.reader.get(id);
  }

  @Audited('playbook.deleted', event('Deleted'))
  @ApiView(playbookViewSchema)
  @ApiOperation({ summary: 'Delete a playbook' })
  @Delete(':id')
  async remove(@Param('id', UuidParamPipe) id: string): Promise<PlaybookView> {
    const view = await this.reader.get(id);
    await this.playbooks.remove(id);
    return view;
  }

  @Audited('playbook.enabled', event('Enabled'))
  @ApiView(playbookViewSchema)
  @ApiOperation({ summary: 'Enable a playbook' })
  @Post(':id/enable')
  @HttpCode(200)
  async enable(
    @Param('id', UuidParamPipe) id: string,
    @Body(new ZodBodyPipe(emptyBodySchema)) _body: object,
  ): Promise<PlaybookView> {
    await this.playbooks.update(id, { enabled: true });
    return this.reader.get(id);
  }

  /** Also cancels its runs under way. */
  @Audited('playbook.disabled', event('Disabled'))
  @ApiView(playbookViewSchema)
  @ApiOperation({ summary: 'Disable a playbook' })
  @Post(':id/disable')
  @HttpCode(200)
  async disable(
    @Param('id', UuidParamPipe) id: string,
    @Body(new ZodBodyPipe(emptyBodySchema)) _body: object,
  ): Promise<PlaybookView> {
    await this.playbooks.update(id, { enabled: false });
    return this.reader.get(id);
  }

  @ApiListQuery(playbookRunFilterSchema, PLAYBOOK_RUN_SORTABLE)
  @ApiListView(playbookRunViewSchema)
  @ApiOperation({ summary: 'List a playbook’s runs' })
  @Get(':id/runs')
  async runs(
    @Param('id', UuidParamPipe) id: string,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const q = parseListQuery(query, {
      sortable: PLAYBOOK_RUN_SORTABLE,
      defaultSort: { field: 'startedAt', order: 'DESC' },
      filter: playbookRunFilterSchema,
    });
    await this.reader.assertExists(id);
    const page = await this.reader.listRuns({ ...q, filter: { ...q.filter, playbookId: id } });
    return sendPage(res, 'playbook-runs', q.range, page);
  }
}
