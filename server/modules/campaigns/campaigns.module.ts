import { Module } from '@nestjs/common';
import { CampaignReader } from './campaign-reader.service';
import { CampaignsController } from './campaigns.controller';
import { CampaignsService } from './campaigns.service';
import { CampaignDeliveryModule } from './delivery/campaign-delivery.module';
import { UnsubscribeController } from './unsubscribe.controller';
import { UnsubscribeService } from './unsubscribe.service';

@Module({
  imports: [CampaignDeliveryModule],
  controllers: [CampaignsController, UnsubscribeController],
  providers: [CampaignsService, CampaignReader, UnsubscribeService],
})
export class CampaignsModule {}
