import { existsSync } from 'node:fs';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { APP_CONFIG } from '../server/config/config.module';
import type { AppConfig } from '../server/config/env.schema';
import { bindActivities } from './activities/activity-registry';
import { ClientImportActivitiesImpl } from './activities/client-import.activities';
import { HealthProbeActivitiesImpl } from './activities/health-probe.activities';

/** Runs the Temporal worker inside the Nest context so activities get injected services. */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly healthProbe: HealthProbeActivitiesImpl,
    private readonly clientImport: ClientImportActivitiesImpl,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const connection = await NativeConnection.connect({ address: this.config.TEMPORAL_ADDRESS });
    this.worker = await Worker.create({
      connection,
      namespace: this.config.TEMPORAL_NAMESPACE,
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      activities: bindActivities(this.healthProbe, this.clientImport),
      ...this.workflowSource(),
    });
    this.running = this.worker.run().finally(() => connection.close());
    this.running.catch((e: unknown) => this.logger.error(e));
    this.logger.log(
      `Polling task queue "${this.config.TEMPORAL_TASK_QUEUE}" at ${this.config.TEMPORAL_ADDRESS}`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker?.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
  }

  /** A prebuilt bundle when there is one (production, tests); else bundle the sources at start. */
  private workflowSource(): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> {
    const bundle = this.config.WORKFLOW_BUNDLE_PATH;
    if (bundle && existsSync(bundle)) return { workflowBundle: { codePath: bundle } };
    return { workflowsPath: require.resolve('../workflows') };
  }
}
