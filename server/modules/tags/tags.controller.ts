import { Body, Controller, Delete, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiView, ApiListView } from '../../common/openapi/api-response';
import { ApiListQuery } from '../../common/openapi/zod-openapi';
import type { Response } from 'express';
import { RequireRole } from '../../common/auth/auth.decorators';
import { sendPage } from '../../common/http/content-range';
import { parseListQuery } from '../../common/http/list-query';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe';
import { ZodBodyPipe } from '../../common/validation/zod-body.pipe';
import { TAG_PALETTE } from './tag-palette';
import {
  createTagSchema,
  TAG_SORTABLE,
  tagFilterSchema,
  updateTagSchema,
  type CreateTagInput,
  type UpdateTagInput,
} from './tags.schemas';
import { type TagView, tagViewSchema } from './tag.view';
import { TagsService } from './tags.service';

@ApiTags('tags')
@Controller('tags')
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  @ApiListQuery(tagFilterSchema, TAG_SORTABLE)
  @ApiListView(tagViewSchema)
  @ApiOperation({ summary: 'List tags' })
  @Get()
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, {
      sortable: TAG_SORTABLE,
      defaultSort: { field: 'name', order: 'ASC' },
      filter: tagFilterSchema,
    });
    return sendPage(res, 'tags', q.range, await this.tags.list(q));
  }

  @ApiView(z.record(z.string(), z.string()))
  @ApiOperation({ summary: 'The colours tags may take' })
  @Get('palette')
  palette(): Record<string, string> {
    return TAG_PALETTE;
  }

  @ApiView(tagViewSchema)
  @ApiOperation({ summary: 'One tag' })
  @Get(':id')
  get(@Param('id', UuidParamPipe) id: string): Promise<TagView> {
    return this.tags.get(id);
  }

  @RequireRole('entities_admin')
  @ApiView(tagViewSchema)
  @ApiOperation({ summary: 'Create a tag (a colour is chosen if none is given)' })
  @Post()
  create(@Body(new ZodBodyPipe(createTagSchema)) body: CreateTagInput): Promise<TagView> {
    return this.tags.create(body);
  }

  @RequireRole('entities_admin')
  @ApiView(tagViewSchema)
  @ApiOperation({ summary: 'Rename or recolour a tag' })
  @Put(':id')
  update(
    @Param('id', UuidParamPipe) id: string,
    @Body(new ZodBodyPipe(updateTagSchema)) body: UpdateTagInput,
  ): Promise<TagView> {
    return this.tags.update(id, body);
  }

  @RequireRole('entities_admin')
  @ApiView(tagViewSchema)
  @ApiOperation({ summary: 'Delete a tag (from every client)' })
  @Delete(':id')
  remove(@Param('id', UuidParamPipe) id: string): Promise<TagView> {
    return this.tags.remove(id);
  }
}
