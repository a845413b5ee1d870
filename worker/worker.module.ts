import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule } from '../server/config/config.module';
import type { AppConfig } from '../server/config/env.schema';
import { ormOptions } from '../server/database/mikro-orm.config';
import { pinoOptions } from '../server/logging/pino-options';
import { ImportProcessingModule } from '../server/modules/imports/processing/import-processing.module';
import { ClientImportActivitiesImpl } from './activities/client-import.activities';
import { HealthProbeActivitiesImpl } from './activities/health-probe.activities';
import { TemporalWorkerService } from './temporal-worker.service';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(pinoOptions(config)),
        MikroOrmModule.forRoot(ormOptions(config.DATABASE_URL)),
        ImportProcessingModule,
      ],
      providers: [HealthProbeActivitiesImpl, ClientImportActivitiesImpl, TemporalWorkerService],
    };
  }
}
