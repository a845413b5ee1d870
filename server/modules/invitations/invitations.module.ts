import { Module } from '@nestjs/common';
import { SampledLists } from '../../database/sampled-lists.service';
import { SettingsModule } from '../settings/settings.module';
import { InvitationReader } from './invitation-reader.service';
import { InvitationsController } from './invitations.controller';
import { InvitationWorkflowsService } from './invitation-workflows.service';
import { InvitationsService } from './invitations.service';

@Module({
  imports: [SettingsModule],
  controllers: [InvitationsController],
  providers: [InvitationsService, InvitationReader, InvitationWorkflowsService, SampledLists],
})
export class InvitationsModule {}
