import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { TemporalService } from '../../temporal/temporal.service';
import {
  emailDispatcherId,
  emailTaskQueue,
  wakeSignal,
} from '@workflows/email-dispatch/email-dispatch.contract';

const DEBOUNCE_MS = 200;

/**
 * Wakes (or starts) the email dispatcher after emails were queued. A bulk invite queues
 * thousands in a burst, so wake-ups are coalesced: at most one signal per 200 ms, always one
 * after the last enqueue, so nothing waits for the dispatcher's idle poll. A lost wake-up only
 * delays mail until that poll: the dispatcher runs for good once a worker has started it.
 */
@Injectable()
export class EmailDispatcherWaker implements OnApplicationShutdown {
  private readonly logger = new Logger(EmailDispatcherWaker.name);
  private timer?: NodeJS.Timeout;
  private inFlight?: Promise<void>;

  constructor(
    private readonly temporal: TemporalService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return Boolean(this.config.RESEND_API_KEY);
  }

  wake(): void {
    if (!this.enabled || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.inFlight = this.signal();
    }, DEBOUNCE_MS);
  }

  /** At a worker's start: the dispatcher runs from then on, wake-ups or not. */
  async ensureRunning(): Promise<void> {
    if (!this.enabled) return;
    await this.temporal.start('emailDispatchWorkflow', {
      workflowId: emailDispatcherId(this.temporal.taskQueue),
      taskQueue: emailTaskQueue(this.temporal.taskQueue),
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
  }

  private async signal(): Promise<void> {
    try {
      await this.temporal.signalWithStart('emailDispatchWorkflow', {
        workflowId: emailDispatcherId(this.temporal.taskQueue),
        taskQueue: emailTaskQueue(this.temporal.taskQueue),
        signal: wakeSignal,
        args: [],
      });
    } catch (e) {
      // The dispatcher also polls; a lost wake-up delays mail, it loses none.
      this.logger.warn(`Could not wake the email dispatcher: ${(e as Error).message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      await this.signal();
    }
    await this.inFlight;
  }
}
