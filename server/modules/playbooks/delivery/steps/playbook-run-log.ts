import type { PlaybookRunLogEntry } from '../../playbook.view';
import type { LockedRun, StepNote, StepType } from '../playbook-step';

/** The step has a line in the run's log (a wait that began, too). */
export const loggedStep = (run: LockedRun, step: number) => run.log.some((l) => l.step === step);

/** The step's work is over: a retry does nothing. */
export const doneStep = (run: LockedRun, step: number) =>
  run.log.some((l) => l.step === step && (l.outcome === 'done' || l.outcome === 'skipped'));

export const logEntry = (step: number, type: StepType, note: StepNote): PlaybookRunLogEntry => ({
  step,
  type,
  outcome: note.outcome,
  detail: note.detail,
  at: new Date().toISOString(),
});
