import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module';
import { InvitationsController } from './invitations.controller';
import { InvitationWorkflowsService } from './invitation-workflows.service';
import { InvitationsService } from './invitations.service';

@Module({
  imports: [SettingsModule],
  controllers: [InvitationsController],
  providers: [InvitationsService, InvitationWorkflowsService],
})
export class InvitationsModule {}
