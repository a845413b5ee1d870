import { defineQuery, defineSignal } from '@temporalio/workflow';

/** One run per playbook and client (and year, for yearly playbooks): a second start is refused. */
export const playbookRunWorkflowId = (playbookId: string, clientId: string, year?: string) =>
  `playbook-run-${playbookId}-${clientId}${year ? `-${year}` : ''}`;

export const DAY_MS = 86_400_000;

export const PLAYBOOK_STEP_TYPES = [
  'wait',
  'send_email',
  'file_request',
  'add_tag',
  'remove_tag',
  'notify_owner',
] as const;
export type PlaybookStepType = (typeof PLAYBOOK_STEP_TYPES)[number];

/** What the workflow needs of a step: its type, and for a wait its length. The rest stays in the database. */
export type PlaybookPlanStep =
  { type: 'wait'; days: number } | { type: Exclude<PlaybookStepType, 'wait'> };

export interface PlaybookRunInput {
  /** The playbook_run row: PostgreSQL is the record, the workflow drives it. */
  runId: string;
}

export interface PlaybookRunPlan {
  steps: PlaybookPlanStep[];
  /** 0 for a new run; a run whose workflow was started again carries on at its current step. */
  fromStep: number;
  /** A restarted run that was waiting keeps its wake time (ISO). */
  wakeAt: string | null;
}

/**
 * `continue`: the step is done (or skipped, with a note), go on. `stopped`: the database no
 * longer wants this run (cancelled, playbook disabled or deleted, client gone). `failed`: the
 * step cannot be done (recorded on the run).
 */
export type PlaybookStepResult = 'continue' | 'stopped' | 'failed';

export type PlaybookRunOutcome = 'completed' | 'cancelled' | 'stopped' | 'failed';

export interface PlaybookRunStatus {
  state: 'starting' | 'waiting' | 'running_step' | PlaybookRunOutcome;
  /** The step under way (0-based), null before the first and after the end. */
  stepIndex: number | null;
  stepType: PlaybookStepType | null;
  stepCount: number;
  /** When the current wait ends (ISO), while waiting. */
  nextWakeAt: string | null;
}

export interface PlaybookRunActivities {
  /** null when the run is no longer running in the database. */
  loadPlaybookRun(runId: string): Promise<PlaybookRunPlan | null>;
  /** Records that the run waits at `step` until `wakeAt` (ISO), after re-checking it should go on. */
  beginPlaybookWait(runId: string, step: number, wakeAt: string): Promise<PlaybookStepResult>;
  /** Does step `step` once (a retry finds it done), after re-checking the run should go on. */
  runPlaybookStep(runId: string, step: number): Promise<PlaybookStepResult>;
  /** Records the end; a run the database ended already keeps its status. */
  finishPlaybookRun(runId: string, outcome: PlaybookRunOutcome): Promise<void>;
}

/** Ends the run at once, also in the middle of a wait. */
export const playbookCancelSignal = defineSignal('cancel');
export const playbookRunStatusQuery = defineQuery<PlaybookRunStatus>('status');
