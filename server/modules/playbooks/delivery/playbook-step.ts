import type { PlaybookStepResult } from '@workflows/playbook/playbook-run.contract';
import type { PlaybookStep } from '../playbooks.schemas';
import type { PlaybookRunLogEntry } from '../playbook.view';

export type StepType = PlaybookStep['type'];

/** A step's spec by its type; indexed by a type parameter, so a handler gets its own spec. */
type StepSpecs = { [S in PlaybookStep as S['type']]: S };
export type StepSpec<T extends StepType> = StepSpecs[T];

/** Does one type of step of a run (see PlaybookStepRunner). */
export interface StepHandler<T extends StepType> {
  run(runId: string, step: number, spec: StepSpec<T>): Promise<PlaybookStepResult>;
}

/** The run as a step sees it, read under the run's row lock. */
export interface LockedRun {
  id: string;
  status: string;
  client_id: string;
  playbook_id: string | null;
  playbook_name: string;
  /** null when the playbook was deleted. */
  enabled: boolean | null;
  created_by_staff_id: string | null;
  steps: PlaybookStep[];
  log: PlaybookRunLogEntry[];
}

/** What a step did, for the run's timeline; `wake`: emails were queued. */
export interface StepNote {
  outcome: 'done' | 'skipped';
  detail: string;
  wake?: boolean;
}

/** The step cannot be done (a tag or template gone, no sender): the run fails with this message. */
export class StepFailure extends Error {}
