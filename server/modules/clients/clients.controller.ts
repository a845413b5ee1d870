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
import { AccessService } from '../../common/access/access.service';
import type { ClientRole } from '../../common/access/client-role';
import { CurrentPrincipal, RequireRole } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/principal';
import { Audited } from '../../common/audit/audited.decorator';
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

const clientTarget = (c: ClientView) => ({ targetType: 'client', targetId: c.id, clientId: c.id });

@ApiTags('clients')
@Controller('clients')
export class ClientsController {
  constructor(
    private readonly clients: ClientsService,
    private readonly access: AccessService,
  ) {}

  /** Staff without a firm admin role list only the clients shared with them. */
  @Get()
  async list(
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const q = parseListQuery(query, {
      sortable: CLIENT_SORTABLE,
      defaultSort: { field: 'displayName', order: 'ASC' },
      filter: clientFilterSchema,
    });
    const scope = this.access.visibleClients(principal, 'c.id');
    return sendPage(res, 'clients', q.range, await this.clients.list(q, scope));
  }

  @RequireRole('entities_admin')
  @Audited('client.tags_changed', (r: { updated: number; added: number; removed: number }) => ({
    summary: `Changed tags on ${r.updated} client(s): ${r.added} added, ${r.removed} removed`,
  }))
  @Post('bulk/tags')
  @HttpCode(200)
  bulkTags(@Body(new ZodBodyPipe(bulkTagsSchema)) body: BulkTagsInput) {
    return this.clients.bulkTags(body);
  }

  @Get(':id')
  async get(
    @Param('id', UuidParamPipe) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ClientView & { myRole: ClientRole }> {
    const myRole = await this.access.assertClient(principal, id, 'read');
    // What the console may offer on this client (edit, share) without a second request.
    return { ...(await this.clients.get(id)), myRole };
  }

  @RequireRole('entities_admin')
  @Audited('client.created', (c: ClientView) => ({
    summary: `Created client ${c.displayName}`,
    ...clientTarget(c),
  }))
  @Post()
  create(@Body(new ZodBodyPipe(createClientSchema)) body: CreateClientInput): Promise<ClientView> {
    return this.clients.create(body);
  }

  @Audited('client.updated', (c: ClientView) => ({
    summary: `Updated client ${c.displayName}`,
    ...clientTarget(c),
  }))
  @Put(':id')
  async update(
    @Param('id', UuidParamPipe) id: string,
    @Body(new ZodBodyPipe(updateClientSchema)) body: UpdateClientInput,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ClientView> {
    await this.access.assertClient(principal, id, 'edit');
    return this.clients.update(id, body);
  }

  @Audited('client.deleted', (c: ClientView) => ({
    summary: `Deleted client ${c.displayName}`,
    ...clientTarget(c),
  }))
  @Delete(':id')
  async remove(
    @Param('id', UuidParamPipe) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ClientView> {
    await this.access.assertClient(principal, id, 'edit');
    return this.clients.remove(id);
  }
}
