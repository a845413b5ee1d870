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
import {
  SEGMENT_SORTABLE,
  createSegmentSchema,
  previewSchema,
  segmentListFilterSchema,
  updateSegmentSchema,
  type CreateSegmentInput,
  type SegmentFilter,
  type UpdateSegmentInput,
} from './segments.schemas';
import { SegmentsService } from './segments.service';
import {
  type SegmentPreview,
  segmentPreviewSchema,
  type SegmentView,
  segmentViewSchema,
} from './segment.view';

const segmentEvent = (verb: string) => (s: SegmentView) => ({
  summary: `${verb} segment ${s.name}`,
  targetType: 'segment',
  targetId: s.id,
});

/**
 * Segments are the firm's audiences for campaigns, over every client: Staff Admins (who manage
 * the firm's contacts) keep them.
 */
@ApiTags('segments')
@RequireRole('staff_admin')
@Controller('segments')
export class SegmentsController {
  constructor(private readonly segments: SegmentsService) {}

  @ApiListQuery(segmentListFilterSchema, SEGMENT_SORTABLE)
  @ApiListView(segmentViewSchema)
  @ApiOperation({ summary: 'List saved segments' })
  @Get()
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, {
      sortable: SEGMENT_SORTABLE,
      defaultSort: { field: 'name', order: 'ASC' },
      filter: segmentListFilterSchema,
    });
    return sendPage(res, 'segments', q.range, await this.segments.list(q));
  }

  /** An unsaved filter's reach, for the live count while editing. */
  @ApiView(segmentPreviewSchema)
  @ApiOperation({
    summary: 'Count and sample the clients a segment rule matches, without saving it',
  })
  @Post('preview')
  preview(@Body(new ZodBodyPipe(previewSchema)) body: { filter: SegmentFilter }) {
    return this.segments.preview(body.filter);
  }

  @ApiView(segmentViewSchema)
  @ApiOperation({ summary: 'One saved segment' })
  @Get(':id')
  get(@Param('id', UuidParamPipe) id: string): Promise<SegmentView> {
    return this.segments.get(id);
  }

  @ApiView(segmentPreviewSchema)
  @ApiOperation({ summary: 'Count and sample the clients a saved segment matches' })
  @Get(':id/preview')
  async savedPreview(@Param('id', UuidParamPipe) id: string): Promise<SegmentPreview> {
    return this.segments.preview((await this.segments.get(id)).filter);
  }

  @Audited('segment.created', segmentEvent('Created'))
  @ApiView(segmentViewSchema)
  @ApiOperation({ summary: 'Save a segment' })
  @Post()
  create(
    @Body(new ZodBodyPipe(createSegmentSchema)) body: CreateSegmentInput,
    @CurrentPrincipal() principal: StaffPrincipal,
  ): Promise<SegmentView> {
    return this.segments.create(body, principal.id);
  }

  @Audited('segment.updated', segmentEvent('Changed'))
  @ApiView(segmentViewSchema)
  @ApiOperation({ summary: 'Edit a saved segment' })
  @Put(':id')
  update(
    @Param('id', UuidParamPipe) id: string,
    @Body(new ZodBodyPipe(updateSegmentSchema)) body: UpdateSegmentInput,
  ): Promise<SegmentView> {
    return this.segments.update(id, body);
  }

  @Audited('segment.deleted', segmentEvent('Deleted'))
  @ApiView(segmentViewSchema)
  @ApiOperation({ summary: 'Delete a saved segment' })
  @Delete(':id')
  remove(@Param('id', UuidParamPipe) id: string): Promise<SegmentView> {
    return this.segments.remove(id);
  }
}
