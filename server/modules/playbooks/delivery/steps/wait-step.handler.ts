import { Injectable } from '@nestjs/common';
import type { PlaybookStepResult } from '@workflows/playbook/playbook-run.contract';
import { StepFailure, type StepHandler, type StepSpec } from '../playbook-step';
import { appendLog, setWaitingStep } from '../playbooks-delivery.repository';
import { loggedStep } from './playbook-run-log';
import { PlaybookRunLock } from './playbook-run-lock.service';
import { TransactionalStepRunner } from './transactional-step-runner.service';

/** `wait`: the workflow sleeps; the run records when it wakes. */
@Injectable()
export class WaitStepHandler implements StepHandler<'wait'> {
  constructor(
    private readonly lock: PlaybookRunLock,
    private readonly steps: TransactionalStepRunner,
  ) {}

  /** A wait is begun (see begin), never run as a step. */
  run(runId: string, step: number, spec: StepSpec<'wait'>): Promise<PlaybookStepResult> {
    return this.steps.run(runId, step, spec.type, async () => {
      throw new StepFailure(`Step ${step + 1} (${spec.type}) cannot run here`);
    });
  }

  /** The run waits at `step` until `wakeAt` (ISO); its log says so once. */
  async begin(runId: string, step: number, wakeAt: string): Promise<PlaybookStepResult> {
    const locked = await this.lock.withRunLock(runId, step, async (sql, run) => {
      // The workflow begins waits at wait steps only.
      const days = (run.steps[step] as StepSpec<'wait'>).days;
      await setWaitingStep(sql, runId, step, wakeAt);
      if (!loggedStep(run, step)) {
        await appendLog(sql, runId, {
          step,
          type: 'wait',
          outcome: 'waiting',
          detail: `Waiting ${days} day${days === 1 ? '' : 's'}, until ${wakeAt.slice(0, 10)}`,
          at: new Date().toISOString(),
        });
      }
    });
    return locked.ran ? 'continue' : locked.result;
  }
}
