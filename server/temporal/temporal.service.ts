import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import {
  Client,
  Connection,
  type QueryDefinition,
  type WithWorkflowArgs,
  type WorkflowSignalWithStartOptions,
} from '@temporalio/client';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env.schema';
import type { RegisteredWorkflows, StartOptionsOf, WorkflowType } from './registered-workflows';
import { rpcDeadlineInterceptors } from './rpc-deadline';
import { temporalConnectionOptions } from './temporal-connection-options';

export interface TemporalReachability {
  temporal: boolean;
  /** Workers that polled the task queue in the last two minutes. */
  workerPollers: number;
}

const POLLER_FRESH_MS = 120_000;

/**
 * One lazy connection to Temporal: the API starts even when Temporal is still coming up. Every
 * call through it has a deadline (TEMPORAL_RPC_TIMEOUT_MS unless the caller sets its own).
 */
@Injectable()
export class TemporalService implements OnApplicationShutdown {
  private readonly logger = new Logger(TemporalService.name);
  private readonly connection: Connection;
  readonly client: Client;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.connection = Connection.lazy({
      ...temporalConnectionOptions(config),
      interceptors: rpcDeadlineInterceptors(config.TEMPORAL_RPC_TIMEOUT_MS),
      // After an outage, reconnect within a deadline of Temporal's return (gRPC's default
      // backoff grows to two minutes, and every call in between would fail).
      channelArgs: { 'grpc.max_reconnect_backoff_ms': config.TEMPORAL_RPC_TIMEOUT_MS },
    });
    this.client = new Client({ connection: this.connection, namespace: config.TEMPORAL_NAMESPACE });
  }

  get taskQueue(): string {
    return this.config.TEMPORAL_TASK_QUEUE;
  }

  /** Link to a workflow in the Temporal Web UI, for the console. */
  workflowUrl(workflowId: string): string {
    const ns = encodeURIComponent(this.config.TEMPORAL_NAMESPACE);
    return `${this.config.TEMPORAL_UI_URL}/namespaces/${ns}/workflows/${encodeURIComponent(workflowId)}`;
  }

  /** Starts a registered workflow: its name and arguments are checked by the compiler. */
  start<T extends WorkflowType>(type: T, options: StartOptionsOf<T>) {
    return this.client.workflow.start<RegisteredWorkflows[T]>(type, options);
  }

  /** Starts a registered workflow and waits for its result. */
  execute<T extends WorkflowType>(type: T, options: StartOptionsOf<T>) {
    return this.client.workflow.execute<RegisteredWorkflows[T]>(type, options);
  }

  /** Signals a registered workflow, starting it first when it is not running. */
  signalWithStart<T extends WorkflowType, SignalArgs extends unknown[] = []>(
    type: T,
    options: WithWorkflowArgs<RegisteredWorkflows[T], WorkflowSignalWithStartOptions<SignalArgs>>,
  ) {
    return this.client.workflow.signalWithStart<RegisteredWorkflows[T], SignalArgs>(type, options);
  }

  /**
   * A workflow's answer to a query, or null when Temporal does not answer within `ms` (no
   * worker running, say: a query waits for one), so a page never hangs on live status.
   * `runId` picks one execution; without it, the latest.
   */
  async queryWithin<T>(
    workflowId: string,
    query: QueryDefinition<T>,
    { runId, ms = 1500 }: { runId?: string; ms?: number } = {},
  ): Promise<T | null> {
    const handle = this.client.workflow.getHandle(workflowId, runId);
    try {
      return await this.connection.withDeadline(Date.now() + ms, () => handle.query(query));
    } catch {
      return null;
    }
  }

  async reachability(): Promise<TemporalReachability> {
    try {
      const { pollers } = await this.connection.withDeadline(Date.now() + 2000, () =>
        this.connection.workflowService.describeTaskQueue({
          namespace: this.config.TEMPORAL_NAMESPACE,
          taskQueue: { name: this.taskQueue },
        }),
      );
      const fresh = (pollers ?? []).filter((p) => {
        const seconds = Number(p.lastAccessTime?.seconds ?? 0);
        return Date.now() - seconds * 1000 < POLLER_FRESH_MS;
      });
      return { temporal: true, workerPollers: fresh.length };
    } catch (e) {
      this.logger.warn(
        `Temporal unreachable at ${this.config.TEMPORAL_ADDRESS}: ${(e as Error).message}`,
      );
      return { temporal: false, workerPollers: 0 };
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
