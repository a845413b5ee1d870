import { existsSync } from 'node:fs';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Type,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { APP_CONFIG } from '../server/config/config.module';
import type { AppConfig } from '../server/config/env.schema';
import { temporalConnectionOptions } from '../server/temporal/temporal-connection-options';
import { bindActivities } from './activities/activity-registry';
import { EmailDispatcherWaker } from '../server/modules/email/email-dispatcher-waker.service';
import { emailTaskQueue } from '../workflows/email-dispatch/email-dispatch.contract';
import { ACTIVITY_CLASSES } from './activities/activity-classes';
import { WorkerHeartbeat } from './worker-heartbeat.service';

/**
 * Runs the Temporal workers inside the Nest context so activities get injected services: one on
 * the main task queue (where bulk work runs at a lower priority than staff's single actions),
 * one on the email queue (the dispatcher). Resend's rate limit is kept by the activity, in turn
 * with every worker through the database, not by Temporal's task-queue rate limit: that one
 * spaces dispatches, not requests, and under load dispatched well below the limit.
 */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private workers: Worker[] = [];
  private running?: Promise<unknown>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly moduleRef: ModuleRef,
    private readonly dispatcherWaker: EmailDispatcherWaker,
    private readonly heartbeat: WorkerHeartbeat,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const connection = await NativeConnection.connect(temporalConnectionOptions(this.config));
    const base = { connection, namespace: this.config.TEMPORAL_NAMESPACE };
    const taskQueue = this.config.TEMPORAL_TASK_QUEUE;
    this.workers = [
      await Worker.create({
        ...base,
        taskQueue,
        activities: this.activities(ACTIVITY_CLASSES.main),
        ...this.workflowSource(),
        // Heartbeats reach Temporal at least this often (by default only every 80% of the
        // heartbeat timeout), and a cancellation comes back in their answer: a cancelled
        // import stops within seconds.
        maxHeartbeatThrottleInterval: '2 seconds',
      }),
      await Worker.create({
        ...base,
        taskQueue: emailTaskQueue(taskQueue),
        activities: this.activities(ACTIVITY_CLASSES.email),
        ...this.workflowSource(),
        maxConcurrentActivityTaskExecutions: 4,
      }),
    ];
    this.running = Promise.all(this.workers.map((w) => w.run())).finally(() => connection.close());
    this.running.catch((e: unknown) => this.logger.error(e));
    await this.heartbeat.start(() => this.workers.every((w) => w.getState() === 'RUNNING'));
    this.logger.log(`Polling task queue "${taskQueue}" at ${this.config.TEMPORAL_ADDRESS}`);
    // From now on queued email goes out, whether or not its wake-up arrives.
    await this.dispatcherWaker.ensureRunning();
  }

  async onApplicationShutdown(): Promise<void> {
    for (const worker of this.workers) if (worker.getState() === 'RUNNING') worker.shutdown();
    await this.running?.catch(() => undefined);
  }

  /** The activities of these classes' instances (the worker module provides them all). */
  private activities(classes: Type<object>[]): ReturnType<typeof bindActivities> {
    return bindActivities(...classes.map((c) => this.moduleRef.get(c)));
  }

  /** A prebuilt bundle when there is one (production, tests); else bundle the sources at start. */
  private workflowSource(): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> {
    const bundle = this.config.WORKFLOW_BUNDLE_PATH;
    if (bundle && existsSync(bundle)) return { workflowBundle: { codePath: bundle } };
    return { workflowsPath: require.resolve('../workflows') };
  }
}
