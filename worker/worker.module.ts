import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule } from '../server/config/config.module';
import type { AppConfig } from '../server/config/env.schema';
import { ormOptions } from '../server/database/mikro-orm.config';
import { pinoOptions } from '../server/logging/pino-options';
import { CampaignDeliveryModule } from '../server/modules/campaigns/delivery/campaign-delivery.module';
import { CampaignReconciler } from '../server/modules/campaigns/delivery/campaign-reconciler.service';
import { ImportDeliveryModule } from '../server/modules/imports/delivery/import-delivery.module';
import { FileRequestDeliveryModule } from '../server/modules/file-requests/delivery/file-request-delivery.module';
import { FileRequestReconciler } from '../server/modules/file-requests/delivery/file-request-reconciler.service';
import { InvitationDeliveryModule } from '../server/modules/invitations/delivery/invitation-delivery.module';
import { PlaybookDeliveryModule } from '../server/modules/playbooks/delivery/playbook-delivery.module';
import { PlaybookReconciler } from '../server/modules/playbooks/delivery/playbook-reconciler.service';
import { TemporalModule } from '../server/temporal/temporal.module';
import { ACTIVITY_CLASSES } from './activities/activity-classes';
import { TemporalWorkerService } from './temporal-worker.service';
import { WorkerHeartbeat } from './worker-heartbeat.service';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(pinoOptions(config)),
        MikroOrmModule.forRoot(ormOptions(config.DATABASE_URL)),
        TemporalModule,
        ImportDeliveryModule,
        InvitationDeliveryModule,
        FileRequestDeliveryModule,
        PlaybookDeliveryModule,
        CampaignDeliveryModule,
      ],
      providers: [
        ...Object.values(ACTIVITY_CLASSES).flat(),
        FileRequestReconciler,
        CampaignReconciler,
        PlaybookReconciler,
        WorkerHeartbeat,
        TemporalWorkerService,
      ],
    };
  }
}
