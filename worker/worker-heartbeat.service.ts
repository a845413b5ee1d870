import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../server/config/config.module';
import type { AppConfig } from '../server/config/env.schema';
import { sqlRunner } from '../server/database/sql-runner';
import {
  forgetHeartbeat,
  forgetSilentWorkers,
  recordHeartbeat,
} from '../server/modules/health/health.repository';
import {
  HEARTBEAT_EVERY_MS,
  type WorkerIdentity,
} from '../server/modules/health/worker-heartbeats';

/**
 * This process's proof of life for health checks: a row in PostgreSQL refreshed every few
 * seconds from the event loop, while the Temporal workers run. A frozen or blocked process
 * stops refreshing it, whatever Temporal still lists as pollers.
 */
@Injectable()
export class WorkerHeartbeat implements BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerHeartbeat.name);
  private readonly identity: WorkerIdentity;
  private timer?: NodeJS.Timeout;
  private beating = false;

  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.identity = {
      workerId: randomUUID(),
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      host: hostname(),
      pid: process.pid,
    };
  }

  /** Beats now and every HEARTBEAT_EVERY_MS while `alive()` holds. */
  async start(alive: () => boolean): Promise<void> {
    await forgetSilentWorkers(sqlRunner(this.em));
    const beat = async () => {
      if (this.beating || !alive()) return;
      this.beating = true;
      try {
        await recordHeartbeat(sqlRunner(this.em), this.identity);
      } catch (e) {
        this.logger.warn(`Heartbeat not recorded: ${(e as Error).message}`);
      } finally {
        this.beating = false;
      }
    };
    await beat();
    this.timer = setInterval(() => void beat(), HEARTBEAT_EVERY_MS);
  }

  /** Before the workers stop (and the ORM closes): health stops counting this process at once. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await forgetHeartbeat(sqlRunner(this.em), this.identity.workerId).catch((e: Error) =>
      this.logger.warn(`Heartbeat not cleared: ${e.message}`),
    );
  }
}
