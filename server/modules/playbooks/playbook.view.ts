import type {
  PlaybookRunStatus as WorkflowStatus,
  PlaybookStepType,
} from '../../../workflows/playbook/playbook-run.contract';
import type {
  PlaybookRunStatusName,
  PlaybookStep,
  PlaybookTrigger,
  PlaybookTriggerType,
} from './playbooks.schemas';

export interface PlaybookView {
  id: string;
  name: string;
  enabled: boolean;
  trigger: PlaybookTrigger;
  steps: PlaybookStep[];
  createdBy: { id: string; name: string } | null;
  runCounts: Record<PlaybookRunStatusName, number>;
  createdAt: string;
  updatedAt: string;
}

/** One line of a run's timeline, written by the step that did (or skipped) it. */
export interface PlaybookRunLogEntry {
  step: number;
  type: PlaybookStepType;
  outcome: 'done' | 'skipped' | 'waiting' | 'failed';
  detail: string;
  at: string;
}

export interface PlaybookRunView {
  id: string;
  playbookId: string | null;
  playbookName: string;
  clientId: string;
  clientName: string;
  trigger: PlaybookTriggerType;
  /** The year of a yearly run. */
  year: string | null;
  status: PlaybookRunStatusName;
  currentStep: { index: number; type: PlaybookStepType } | null;
  stepCount: number;
  /** While waiting: when the wait ends. */
  wakeAt: string | null;
  error: string | null;
  cancelReason: string | null;
  log: PlaybookRunLogEntry[];
  startedAt: string;
  finishedAt: string | null;
  workflowId: string | null;
}

export interface PlaybookRunDetailView extends PlaybookRunView {
  /** The steps as they were when the run started. */
  steps: PlaybookStep[];
  workflow: { id: string; url: string; status: WorkflowStatus | null } | null;
}
