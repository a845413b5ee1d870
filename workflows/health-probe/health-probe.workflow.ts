import { proxyActivities } from '@temporalio/workflow';
import type { HealthProbeActivities, HealthProbeResult } from './health-probe.contract';

const { checkDatabase } = proxyActivities<HealthProbeActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 1 },
});

/**
 * Proves the whole path a real workflow takes: API → Temporal → worker → PostgreSQL and back.
 * `GET /api/health?deep=true` starts it; it also shows up in the Web UI for staff to inspect.
 */
export async function healthProbeWorkflow(): Promise<HealthProbeResult> {
  const started = Date.now();
  const database = await checkDatabase();
  return { ...database, workerRoundTripMs: Date.now() - started };
}
