import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  healthProbeWorkflowId,
  type HealthProbeResult,
} from '../../../workflows/health-probe/health-probe.contract';
import { TemporalService } from '../../temporal/temporal.service';

export interface Check {
  ok: boolean;
  latencyMs: number;
  detail?: string;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: Check;
  temporal: Check;
  worker: Check & { pollers: number };
  /** With `deep`: a real workflow round trip through a worker to the database. */
  probe?: Check & { workflowId: string; result?: HealthProbeResult };
}

const PROBE_TIMEOUT_MS = 10_000;

@Injectable()
export class HealthService {
  constructor(
    private readonly em: EntityManager,
    private readonly temporal: TemporalService,
  ) {}

  async check(deep = false): Promise<HealthReport> {
    const [database, reach] = await Promise.all([
      this.database(),
      timed(() => this.temporal.reachability()),
    ]);
    const temporal = { ok: reach.value?.temporal ?? false, latencyMs: reach.latencyMs };
    const pollers = reach.value?.workerPollers ?? 0;
    const worker = {
      ok: pollers > 0,
      latencyMs: reach.latencyMs,
      pollers,
      ...(pollers > 0
        ? {}
        : { detail: `no worker polling task queue "${this.temporal.taskQueue}"` }),
    };
    const probe = deep && temporal.ok ? await this.probe() : undefined;
    const ok = database.ok && temporal.ok && worker.ok && (probe?.ok ?? !deep);
    return {
      status: ok ? 'ok' : 'degraded',
      database,
      temporal,
      worker,
      ...(probe ? { probe } : {}),
    };
  }

  private async probe(): Promise<NonNullable<HealthReport['probe']>> {
    const workflowId = healthProbeWorkflowId(randomUUID());
    const r = await timed(
      () =>
        this.temporal.client.workflow.execute('healthProbeWorkflow', {
          workflowId,
          taskQueue: this.temporal.taskQueue,
          workflowExecutionTimeout: PROBE_TIMEOUT_MS,
        }) as Promise<HealthProbeResult>,
    );
    return {
      ok: !r.error,
      latencyMs: r.latencyMs,
      workflowId,
      result: r.value,
      ...(r.error ? { detail: r.error } : {}),
    };
  }

  private async database(): Promise<Check> {
    const r = await timed(() => this.em.getConnection().execute('select 1'));
    return { ok: !r.error, latencyMs: r.latencyMs, ...(r.error ? { detail: r.error } : {}) };
  }
}

async function timed<T>(
  fn: () => Promise<T>,
): Promise<{ value?: T; error?: string; latencyMs: number }> {
  const start = performance.now();
  try {
    const value = await fn();
    return { value, latencyMs: Math.round(performance.now() - start) };
  } catch (e) {
    return { error: (e as Error).message, latencyMs: Math.round(performance.now() - start) };
  }
}
