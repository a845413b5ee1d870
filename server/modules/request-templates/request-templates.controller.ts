import { Body, Controller, Delete, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
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
import { requestTemplateViewSchema, type RequestTemplateView } from './request-template.view';
import {
  createRequestTemplateSchema,
  REQUEST_TEMPLATE_SORTABLE,
  requestTemplateFilterSchema,
  updateRequestTemplateSchema,
  type CreateRequestTemplateInput,
  type UpdateRequestTemplateInput,
} from './request-templates.schemas';
import { RequestTemplatesService } from './request-templates.service';

const event = (verb: string) => (t: RequestTemplateView) => ({
  summary: `${verb} request template "${t.name}"`,
  targetType: 'request_template',
  targetId: t.id,
});

/**
 * Any staff member reads the templates (everyone asks clients for files); Staff Admins and
 * Entities Admins, who set up the firm's playbooks and clients, maintain them.
 */
@ApiTags('request-templates')
@Controller('request-templates')
export class RequestTemplatesController {
  constructor(private readonly templates: RequestTemplatesService) {}

  @ApiListQuery(requestTemplateFilterSchema, REQUEST_TEMPLATE_SORTABLE)
  @ApiListView(requestTemplateViewSchema)
  @ApiOperation({ summary: 'List file request templates' })
  @Get()
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, {
      sortable: REQUEST_TEMPLATE_SORTABLE,
      defaultSort: { field: 'name', order: 'ASC' },
      filter: requestTemplateFilterSchema,
    });
    return sendPage(res, 'request-templates', q.range, await this.templates.list(q));
  }

  @ApiView(requestTemplateViewSchema)
  @ApiOperation({ summary: 'One file request template' })
  @Get(':id')
  get(@Param('id', UuidParamPipe) id: string): Promise<RequestTemplateView> {
    return this.templates.get(id);
  }

  @RequireRole('staff_admin', 'entities_admin')
  @Audited('request_template.created', event('Created'))
  @ApiView(requestTemplateViewSchema)
  @ApiOperation({ summary: 'Create a file request template' })
  @Post()
  create(
    @Body(new ZodBodyPipe(createRequestTemplateSchema)) body: CreateRequestTemplateInput,
    @CurrentPrincipal() principal: StaffPrincipal,
  ): Promise<RequestTemplateView> {
    return this.templates.create(body, principal.id);
  }

  @RequireRole('staff_admin', 'entities_admin')
  @Audited('request_template.updated', event('Updated'))
  @ApiView(requestTemplateViewSchema)
  @ApiOperation({ summary: 'Edit a file request template' })
  @Put(':id')
  update(
    @Param('id', UuidParamPipe) id: string,
    @Body(new ZodBodyPipe(updateRequestTemplateSchema)) body: UpdateRequestTemplateInput,
  ): Promise<RequestTemplateView> {
    return this.templates.update(id, body);
  }

  @RequireRole('staff_admin', 'entities_admin')
  @Audited('request_template.deleted', event('Deleted'))
  @ApiView(requestTemplateViewSchema)
  @ApiOperation({ summary: 'Delete a file request template' })
  @Delete(':id')
  remove(@Param('id', UuidParamPipe) id: string): Promise<RequestTemplateView> {
    return this.templates.remove(id);
  }
}
