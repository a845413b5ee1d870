import { Module } from '@nestjs/common';
import { DeliveryEventsService } from './delivery-events.service';
import { ResendWebhookController } from './resend-webhook.controller';

@Module({ controllers: [ResendWebhookController], providers: [DeliveryEventsService] })
export class WebhooksModule {}
