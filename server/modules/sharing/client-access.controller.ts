import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AccessService } from '../../common/access/access.service';
import { Audited } from '../../common/audit/audited.decorator';
import { CurrentPrincipal } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/principal';
import { parseInput } from '../../common/validation/parse-input';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe';
import { ZodBodyPipe } from '../../common/validation/zod-body.pipe';
import { grantIdSchema, grantSchema, type GrantInput } from './client-access.schemas';
import { ClientAccessService, type AccessGrant } from './client-access.service';

/** Grants and revocations are audited with the client and the grant they touched. */
const shareEvent = (verb: string) => (grants: AccessGrant[], req: Request) => ({
  summary: `${verb} access on the client: ${req.params.grantId ?? `${req.body?.principalType}:${req.body?.principalId} as ${req.body?.role}`}`,
  targetType: 'client',
  targetId: String(req.params.id),
  clientId: String(req.params.id),
  detail: { directGrants: grants.filter((g) => !g.inherited).length },
});

/**
 * `/api/clients/:id/access`: anyone who sees the client sees who else does; owners and
 * Entities Admins grant and revoke.
 */
@ApiTags('sharing')
@Controller('clients/:id/access')
export class ClientAccessController {
  constructor(
    private readonly sharing: ClientAccessService,
    private readonly access: AccessService,
  ) {}

  @Get()
  async list(
    @Param('id', UuidParamPipe) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AccessGrant[]> {
    await this.access.assertClient(principal, id, 'read');
    return this.sharing.list(id);
  }

  @Audited('access.granted', shareEvent('Granted'))
  @Post()
  @HttpCode(201)
  async grant(
    @Param('id', UuidParamPipe) id: string,
    @Body(new ZodBodyPipe(grantSchema)) body: GrantInput,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AccessGrant[]> {
    await this.access.assertClient(principal, id, 'share');
    await this.sharing.grant(id, body, this.access.visibleClients(principal, 'cc.client_id'));
    return this.sharing.list(id);
  }

  @Audited('access.revoked', shareEvent('Revoked'))
  @Delete(':grantId')
  async revoke(
    @Param('id', UuidParamPipe) id: string,
    @Param('grantId') grantId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AccessGrant[]> {
    await this.access.assertClient(principal, id, 'share');
    await this.sharing.revoke(id, parseInput(grantIdSchema, grantId, 'grantId'));
    return this.sharing.list(id);
  }
}
