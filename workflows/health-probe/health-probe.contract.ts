/** Activities the health probe calls on the worker. */
export interface HealthProbeActivities {
  checkDatabase(): Promise<DatabaseProbe>;
}

export interface DatabaseProbe {
  serverVersion: string;
  migrationsApplied: number;
}

export interface HealthProbeResult extends DatabaseProbe {
  workerRoundTripMs: number;
}

export const healthProbeWorkflowId = (requestId: string): string => `health-probe-${requestId}`;
