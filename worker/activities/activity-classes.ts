import type { Type } from '@nestjs/common';
import { CampaignActivitiesImpl } from './campaign.activities';
import { ClientImportActivitiesImpl } from './client-import.activities';
import { EmailDispatchActivitiesImpl } from './email-dispatch.activities';
import { FileRequestActivitiesImpl } from './file-request.activities';
import { HealthProbeActivitiesImpl } from './health-probe.activities';
import { PlaybookActivitiesImpl } from './playbook.activities';
import { PortalInvitationActivitiesImpl } from './portal-invitation.activities';

/**
 * Every activities class, once, under the task queue whose worker runs it: the worker module
 * provides them and the worker binds their methods, so a new class is listed here only.
 */
export const ACTIVITY_CLASSES = {
  main: [
    HealthProbeActivitiesImpl,
    ClientImportActivitiesImpl,
    PortalInvitationActivitiesImpl,
    FileRequestActivitiesImpl,
    PlaybookActivitiesImpl,
    CampaignActivitiesImpl,
  ],
  email: [EmailDispatchActivitiesImpl],
} satisfies Record<string, Type<object>[]>;
