import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { healthProbeWorkflowId } from '@workflows/health-probe/health-probe.contract';
import { atMostEvery } from '../../common/async/at-most-every';
import { AuthErrors } from '../../common/auth/auth.errors';
import type { Principal } from '../../common/auth/principal';
import { hashSecretToken } from '../../common/crypto/secret-token';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env.schema';
import { sqlRunner } from '../../database/sql-runner';
import { TemporalService } from '../../temporal/temporal.service';
import {
  liveWorkers,
  pingDatabase,
  recordProbeReport,
  recordedProbeReport,
  takeProbeTurn,
} from './health.repository';
import type { Check, HealthReport } from './health.view';
import { HEARTBEAT_FRESH_MS } from './worker-heartbeats';

type ProbeReport = NonNullable<HealthReport['probe']>;

const PROBE_TIMEOUT_MS = 10_000;
/**
 * However many ask, each API process checks its own database and Temporal at most this often;
 * a probe workflow starts at most this often for the whole deployment.
 */
const CHECK_EVERY_MS = 1000;
const PROBE_EVERY_MS = 10_000;
const REPORT_POLL_MS = 100;
/** How long another process's probe is waited for: its timeout, and time to record it. */
const REPORT_WAIT_MS = PROBE_TIMEOUT_MS + 2000;

@Injectable()
export class HealthService {
  private readonly shallow = atMostEvery(CHECK_EVERY_MS, () => this.checkNow());
  private readonly sharedProbe = atMostEvery(PROBE_EVERY_MS, () => this.probeInTurn());

  constructor(
    private readonly em: EntityManager,
    private readonly temporal: TemporalService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async check(deep = false): Promise<HealthReport> {
    const report = await this.shallow();
    if (!deep) return report;
    const probe = report.temporal.ok ? await this.sharedProbe() : undefined;
    const ok = report.status === 'ok' && (probe?.ok ?? false);
    return { ...report, status: ok ? 'ok' : 'degraded', ...(probe ? { probe } : {}) };
  }

  /** The deep check starts a workflow: for staff, or a monitor holding HEALTH_TOKEN. */
  assertMayProbe(principal: Principal | undefined, authorization: string | undefined): void {
    if (principal?.kind === 'staff' || this.holdsToken(authorization)) return;
    if (principal) throw AuthErrors.AUTH_FORBIDDEN('Deep health is for staff.');
    throw AuthErrors.AUTH_UNAUTHENTICATED(
      'deep: sign in as staff, or send the health token (Authorization: Bearer …).',
    );
  }

  private holdsToken(authorization: string | undefined): boolean {
    const token = this.config.HEALTH_TOKEN;
    const given = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    if (!token || !given) return false;
    // Equal-length digests, compared in constant time.
    return timingSafeEqual(
      Buffer.from(hashSecretToken(given), 'hex'),
      Buffer.from(hashSecretToken(token), 'hex'),
    );
  }

  private async checkNow(): Promise<HealthReport> {
    const taskQueue = this.temporal.taskQueue;
    const [database, reach, live] = await Promise.all([
      this.database(),
      timed(() => this.temporal.reachability()),
      timed(() => liveWorkers(sqlRunner(this.em), taskQueue)),
    ]);
    const temporal = { ok: reach.value?.temporal ?? false, latencyMs: reach.latencyMs };
    const pollers = reach.value?.workerPollers ?? 0;
    const workers = live.value ?? 0;
    const detail = !workers
      ? `no worker on task queue "${taskQueue}" proved it is alive in the last ${HEARTBEAT_FRESH_MS / 1000} s`
      : !pollers
        ? `no worker polling task queue "${taskQueue}"`
        : undefined;
    const worker = {
      ok: !detail,
      latencyMs: Math.max(live.latencyMs, reach.latencyMs),
      live: workers,
      pollers,
      ...(detail ? { detail } : {}),
    };
    const ok = database.ok && temporal.ok && worker.ok;
    return { status: ok ? 'ok' : 'degraded', database, temporal, worker };
  }

  /**
   * The API process that takes the turn runs the probe; the others answer with its report.
   * Without the database, or without a report in time (its process died mid-probe), this
   * process probes on its own.
   */
  private async probeInTurn(): Promise<ProbeReport> {
    const taskQueue = this.temporal.taskQueue;
    try {
      const sql = sqlRunner(this.em);
      const turn = await takeProbeTurn(sql, taskQueue, PROBE_EVERY_MS);
      if (turn) {
        const report = await this.probe();
        await recordProbeReport(sql, taskQueue, turn, report).catch(() => undefined);
        return report;
      }
      for (const deadline = Date.now() + REPORT_WAIT_MS; Date.now() < deadline;) {
        const report = await recordedProbeReport<ProbeReport>(sql, taskQueue);
        if (report) return report;
        await new Promise((resolve) => setTimeout(resolve, REPORT_POLL_MS));
      }
    } catch {
      // The database is down: the plain check reports it.
    }
    return this.probe();
  }

  private async probe(): Promise<ProbeReport> {
    const workflowId = healthProbeWorkflowId(randomUUID());
    const at = new Date().toISOString();
    const r = await timed(
      () =>
        this.temporal.execute('healthProbeWorkflow', {
          workflowId,
          taskQueue: this.temporal.taskQueue,
          workflowExecutionTimeout: PROBE_TIMEOUT_MS,
        }),
      REPORT_WAIT_MS,
    );
    return {
      ok: !r.error,
      latencyMs: r.latencyMs,
      workflowId,
      at,
      result: r.value,
      ...(r.error ? { detail: r.error } : {}),
    };
  }

  private async database(): Promise<Check> {
    const r = await timed(() => pingDatabase(sqlRunner(this.em)));
    return { ok: !r.error, latencyMs: r.latencyMs, ...(r.error ? { detail: r.error } : {}) };
  }
}

/**
 * How long a check may take before it counts as failed: a frozen database (or a pool whose
 * connections all wait on it) never answers, and the report must come back regardless.
 */
const CHECK_DEADLINE_MS = 2000;

async function timed<T>(
  fn: () => Promise<T>,
  deadlineMs = CHECK_DEADLINE_MS,
): Promise<{ value?: T; error?: string; latencyMs: number }> {
  const start = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${deadlineMs / 1000} s`)),
      deadlineMs,
    );
  });
  try {
    const value = await Promise.race([fn(), deadline]);
    return { value, latencyMs: Math.round(performance.now() - start) };
  } catch (e) {
    return { error: (e as Error).message, latencyMs: Math.round(performance.now() - start) };
  } finally {
    clearTimeout(timer);
  }
}
