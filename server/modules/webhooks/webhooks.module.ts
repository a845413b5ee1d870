import { Module } from '@nestjs/common';
import { InvitationWorkflowsService } from '../invitations/invitation-workflows.service';
import { DeliveryEventsService } from './delivery-events.service';
import { ResendWebhookController } from './resend-webhook.controller';

@Module({
  controllers: [ResendWebhookController],
  providers: [InvitationWorkflowsService, DeliveryEventsService],
})
export class WebhooksModule {}
