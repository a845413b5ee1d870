import { Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiView } from '../../common/openapi/api-response';
import type { Request } from 'express';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { Public } from '../../common/auth/auth.decorators';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import type { RawBodyRequest } from '../../common/http/json-body';
import { DELIVERY_OUTCOMES, DeliveryEventsService } from './delivery-events.service';
import { resendEventSchema } from './resend-events';
import { WebhooksErrors } from './webhooks.errors';

const webhookOutcomeSchema = z.object({ outcome: z.enum(DELIVERY_OUTCOMES) });

/**
 * Resend signs its webhooks the Svix way (svix-id, svix-timestamp, svix-signature over the raw
 * body). Nothing is read before the signature and timestamp check out.
 */
@ApiTags('webhooks')
@Controller('webhooks')
export class ResendWebhookController {
  private readonly verifier?: Webhook;

  constructor(
    private readonly events: DeliveryEventsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    if (config.RESEND_WEBHOOK_SECRET) this.verifier = new Webhook(config.RESEND_WEBHOOK_SECRET);
  }

  @Public()
  @ApiView(webhookOutcomeSchema)
  @ApiOperation({ summary: 'Resend delivery events (signed webhook)' })
  @Post('resend')
  @HttpCode(200)
  async resend(@Req() req: Request) {
    if (!this.verifier) {
      throw WebhooksErrors.WEBHOOK_NOT_CONFIGURED(
        'Webhooks are off: set RESEND_WEBHOOK_SECRET to the signing secret of the Resend webhook.',
      );
    }
    const raw = (req as RawBodyRequest).rawBody?.toString('utf8') ?? '';
    const id = req.get('svix-id') ?? '';
    let payload: unknown;
    try {
      payload = this.verifier.verify(raw, {
        'webhook-id': id,
        'webhook-timestamp': req.get('svix-timestamp') ?? '',
        'webhook-signature': req.get('svix-signature') ?? '',
      });
    } catch (e) {
      if (!(e instanceof WebhookVerificationError)) throw e;
      throw WebhooksErrors.WEBHOOK_SIGNATURE_INVALID(`Webhook signature rejected: ${e.message}`);
    }
    const event = resendEventSchema.safeParse(payload);
    if (!event.success) {
      throw WebhooksErrors.WEBHOOK_PAYLOAD_INVALID(
        'Webhook payload is not a Resend event (type and data are required)',
      );
    }
    return { outcome: await this.events.apply(id, event.data) };
  }
}
