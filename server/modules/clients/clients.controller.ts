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
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequireRole } from '../../common/auth/auth.decorators';
import { sendPage } from '../../common/http/content-range';
import { parseListQuery } from '../../common/http/list-query';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe';
import { ZodBodyPipe } from '../../common/validation/zod-body.pipe';
import type { ClientView } from './client.view';
import {
  bulkTagsSchema,
  CLIENT_SORTABLE,
  clientFilterSchema,
  createClientSchema,
  updateClientSchema,
  type BulkTagsInput,
  type CreateClientInput,
  type UpdateClientInput,
} from './clients.schemas';
import { ClientsService } from './clients.service';

@ApiTags('clients')
@Controller('clients')
export class ClientsController {
  constructor(private readonly clients: ClientsService) {}

  @Get()
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, {
      sortable: CLIENT_SORTABLE,
      defaultSort: { field: 'displayName', order: 'ASC' },
      filter: clientFilterSchema,
    });
    return sendPage(res, 'clients', q.range, await this.clients.list(q));
  }

  @RequireRole('entities_admin')
  @Post('bulk/tags')
  @HttpCode(200)
  bulkTags(@Body(new ZodBodyPipe(bulkTagsSchema)) body: BulkTagsInput) {
    return this.clients.bulkTags(body);
  }

  @Get(':id')
  get(@Param('id', UuidParamPipe) id: string): Promise<ClientView> {
    return this.clients.get(id);
  }

  @RequireRole('entities_admin')
  @Post()
  create(@Body(new ZodBodyPipe(createClientSchema)) body: CreateClientInput): Promise<ClientView> {
    return this.clients.create(body);
  }

  @RequireRole('entities_admin')
  @Put(':id')
  update(
    @Param('id', UuidParamPipe) id: string,
    @Body(new ZodBodyPipe(updateClientSchema)) body: UpdateClientInput,
  ): Promise<ClientView> {
    return this.clients.update(id, body);
  }

  @RequireRole('entities_admin')
  @Delete(':id')
  remove(@Param('id', UuidParamPipe) id: string): Promise<ClientView> {
    return this.clients.remove(id);
  }
}
