import { Module } from '@nestjs/common';
import { EmailDispatcherWaker } from '../../email/email-dispatcher-waker.service';
import { SettingsModule } from '../../settings/settings.module';
import { CampaignMailerService } from './campaign-mailer.service';
import { CampaignRunService } from './campaign-run.service';
import { CampaignWorkflowsService } from './campaign-workflows.service';

/** Campaign emails and workflows, for the worker's activities and the API. */
@Module({
  imports: [SettingsModule],
  providers: [
    CampaignMailerService,
    CampaignRunService,
    CampaignWorkflowsService,
    EmailDispatcherWaker,
  ],
  exports: [CampaignMailerService, CampaignRunService, CampaignWorkflowsService, SettingsModule],
})
export class CampaignDeliveryModule {}
