import { Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiView } from '../../common/openapi/api-response';
import type { Request } from 'express';
import { AuditService, auditOrigin } from '../../common/audit/audit.service';
import { Public } from '../../common/auth/auth.decorators';
import { UnsubscribeService } from './unsubscribe.service';
import { type UnsubscribeView, unsubscribeViewSchema } from './unsubscribe.view';

/**
 * The links in campaign emails: the portal page reads and posts here, and mail clients post
 * RFC 8058 one-click unsubscribes (`List-Unsubscribe=One-Click`, a form body nobody needs to
 * read). Not throttled: tokens are 256-bit, the action is harmless and idempotent, and many
 * one-click posts arrive from the same few mail-provider addresses.
 */
@ApiTags('unsubscribe')
@Public()
@Controller('unsubscribe')
export class UnsubscribeController {
  constructor(
    private readonly unsubscribes: UnsubscribeService,
    private readonly audit: AuditService,
  ) {}

  @ApiView(unsubscribeViewSchema)
  @ApiOperation({ summary: 'What an unsubscribe link is for (the firm and the address)' })
  @Get(':token')
  describe(@Param('token') token: string): Promise<UnsubscribeView> {
    return this.unsubscribes.describe(token);
  }

  /** Audited by hand: only the first time counts, and the answer names no contact. */
  @ApiView(unsubscribeViewSchema)
  @ApiOperation({ summary: 'Unsubscribe the address of the link from campaigns' })
  @Post(':token')
  @HttpCode(200)
  async unsubscribe(@Param('token') token: string, @Req() req: Request): Promise<UnsubscribeView> {
    const { view, changed, recipient } = await this.unsubscribes.unsubscribe(token);
    if (changed) {
      await this.audit.record(auditOrigin(req, recipient.email), {
        action: 'campaign.unsubscribed',
        summary: `${recipient.email} unsubscribed from campaigns (link in "${recipient.campaign_name}")`,
        targetType: 'contact',
        targetId: recipient.contact_id,
        detail: { campaignId: recipient.campaign_id },
      });
    }
    return view;
  }
}
