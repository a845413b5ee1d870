import { Module } from '@nestjs/common';
import { InvitationWorkflowsService } from '../invitations/invitation-workflows.service';
import { PlaybookRunWorkflowsModule } from '../playbooks/delivery/playbook-run-workflows.module';
import { SettingsModule } from '../settings/settings.module';
import { InvitationAcceptanceService } from './invitation-acceptance.service';
import { PortalController } from './portal.controller';
import { PortalService } from './portal.service';

/** The portal's API: accepting an invitation, and what a signed-in contact sees. */
@Module({
  imports: [SettingsModule, PlaybookRunWorkflowsModule],
  controllers: [PortalController],
  providers: [InvitationWorkflowsService, InvitationAcceptanceService, PortalService],
})
export class PortalModule {}
