import { defineSignal } from '@temporalio/workflow';

/** One per task queue: kicks while it runs become one more round instead of another workflow. */
export const playbookSyncWorkflowId = (taskQueue: string) => `playbook-run-sync-${taskQueue}`;

export interface PlaybookSyncActivities {
  /** Starts the workflows of new runs and signals those of cancelled runs, page by page. */
  syncPlaybookRuns(): Promise<{ started: number; signalled: number }>;
}

/** More runs to start or stop arrived. */
export const playbookSyncAgainSignal = defineSignal('again');
