import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiView } from '../../common/openapi/api-response';
import type { Request } from 'express';
import { AccessService } from '../../common/access/access.service';
import { AuditService, auditOrigin } from '../../common/audit/audit.service';
import { CurrentPrincipal } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/principal';
import { parseInput } from '../../common/validation/parse-input';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe';
import { ZodBodyPipe } from '../../common/validation/zod-body.pipe';
import { grantIdSchema, grantSchema, type GrantInput } from './client-access.schemas';
import { shareAuditEntry } from './client-access.audit';
import { ClientAccessService } from './client-access.service';
import { type AccessGrant, accessGrantSchema } from './client-access.view';

/**
 * `/api/clients/:id/access`: anyone who sees the client sees who else does; owners and
 * Entities Admins grant and revoke. Audited here rather than with @Audited: whether a grant is
 * new or a role change (and from which role) is known only once it is made.
 */
@ApiTags('sharing')
@Controller('clients/:id/access')
export class ClientAccessController {
  constructor(
    private readonly sharing: ClientAccessService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  @ApiView(z.array(accessGrantSchema))
  @ApiOperation({ summary: 'Who may see a client: staff and contacts with their roles' })
  @Get()
  async list(
    @Param('id', UuidParamPipe) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AccessGrant[]> {
    await this.access.assertClient(principal, id, 'read');
    return this.sharing.list(id);
  }

  @ApiView(z.array(accessGrantSchema))
  @ApiOperation({ summary: 'Give a staff member or contact a role on a client' })
  @Post()
  @HttpCode(201)
  async grant(
    @Param('id', UuidParamPipe) id: string,
    @Body(new ZodBodyPipe(grantSchema)) body: GrantInput,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
  ): Promise<AccessGrant[]> {
    await this.access.assertClient(principal, id, 'share');
    const contacts = this.access.visibleContacts(principal, 'ct.id');
    const change = await this.sharing.grant(id, body, contacts);
    await this.audit.record(auditOrigin(req), shareAuditEntry(id, change));
    return this.sharing.list(id);
  }

  @ApiView(z.array(accessGrantSchema))
  @ApiOperation({ summary: 'Take a role on a client away' })
  @Delete(':grantId')
  async revoke(
    @Param('id', UuidParamPipe) id: string,
    @Param('grantId') grantId: string,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
  ): Promise<AccessGrant[]> {
    await this.access.assertClient(principal, id, 'share');
    const change = await this.sharing.revoke(id, parseInput(grantIdSchema, grantId, 'grantId'));
    await this.audit.record(auditOrigin(req), shareAuditEntry(id, change));
    return this.sharing.list(id);
  }
}
