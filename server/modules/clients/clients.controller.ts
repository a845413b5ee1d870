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
  Req,
  Res,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiView, ApiListView } from '../../common/openapi/api-response';
import { ApiListQuery } from '../../common/openapi/zod-openapi';
import type { Request, Response } from 'express';
import { AccessService } from '../../common/access/access.service';
import { CLIENT_ROLES, type ClientRole } from '../../common/access/client-role';
import { CurrentPrincipal, RequireRole } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/principal';
import { AuditService, auditOrigin } from '../../common/audit/audit.service';
import { Audited } from '../../common/audit/audited.decorator';
import { nameList } from '../../common/audit/name-list';
import { sendPage } from '../../common/http/content-range';
import { parseListQuery } from '../../common/http/list-query';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe';
import { ZodBodyPipe } from '../../common/validation/zod-body.pipe';
import { bulkTagsCountsSchema, type ClientView, clientViewSchema } from './client.view';
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
    private readonly audit: AuditService,
  ) {}

  /** Staff without a firm admin role list only the clients shared with them. */
  @ApiListQuery(clientFilterSchema, CLIENT_SORTABLE)
  @ApiListView(clientViewSchema)
  @ApiOperation({ summary: 'List clients (filter, sort, page)' })
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

  /** Recorded once, naming the clients and tags, and shown in each client's activity. */
  @RequireRole('entities_admin')
  @ApiView(bulkTagsCountsSchema)
  @ApiOperation({ summary: 'Add or remove tags on many clients at once' })
  @Post('bulk/tags')
  @HttpCode(200)
  async bulkTags(@Body(new ZodBodyPipe(bulkTagsSchema)) body: BulkTagsInput, @Req() req: Request) {
    const { clientNames, tagsAdded, tagsRemoved, ...counts } = await this.clients.bulkTags(body);
    const changes = [
      tagsAdded.length && `added ${nameList(tagsAdded)}`,
      tagsRemoved.length && `removed ${nameList(tagsRemoved)}`,
    ].filter(Boolean);
    await this.audit.record(auditOrigin(req), {
      action: 'client.tags_changed',
      summary: `Tags on ${nameList(clientNames)}: ${changes.join('; ')}`,
      clientIds: body.ids,
      detail: { clients: counts.updated, added: counts.added, removed: counts.removed },
    });
    return counts;
  }

  @ApiView(clientViewSchema.extend({ myRole: z.enum(CLIENT_ROLES) }))
  @ApiOperation({ summary: 'One client with its contacts and tags' })
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
  @ApiView(clientViewSchema)
  @ApiOperation({ summary: 'Create a client' })
  @Post()
  create(@Body(new ZodBodyPipe(createClientSchema)) body: CreateClientInput): Promise<ClientView> {
    return this.clients.create(body);
  }

  @Audited('client.updated', (c: ClientView) => ({
    summary: `Updated client ${c.displayName}`,
    ...clientTarget(c),
  }))
  @ApiView(clientViewSchema)
  @ApiOperation({ summary: 'Edit a client' })
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
  @ApiView(clientViewSchema)
  @ApiOperation({ summary: 'Delete a client with its files and requests' })
  @Delete(':id')
  async remove(
    @Param('id', UuidParamPipe) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ClientView> {
    await this.access.assertClient(principal, id, 'edit');
    return this.clients.remove(id);
  }
}
