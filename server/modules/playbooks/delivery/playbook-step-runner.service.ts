import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isoDate } from '@server/common/http/iso-date';
import { sqlRunner } from '@server/database/sql-runner';
import type {
  PlaybookPlanStep,
  PlaybookRunOutcome,
  PlaybookRunPlan,
  PlaybookStepResult,
} from '@workflows/playbook/playbook-run.contract';
import type { PlaybookStep } from '../playbooks.schemas';
import type { StepHandler, StepSpec, StepType } from './playbook-step';
import { findRunProgress, findRunStep, finishRun } from './playbooks-delivery.repository';
import { FileRequestStepHandler } from './steps/file-request-step.handler';
import { NotifyOwnerStepHandler } from './steps/notify-owner-step.handler';
import { SendEmailStepHandler } from './steps/send-email-step.handler';
import { TagStepHandler } from './steps/tag-step.handler';
import { WaitStepHandler } from './steps/wait-step.handler';

type StepHandlers = { [T in StepType]: StepHandler<T> };

/**
 * The playbook-run workflow's activities. Each step first re-reads the run under its row lock
 * (still running, playbook still enabled: PostgreSQL is the record), does its work at most once
 * (its line in the run's log says it is done) and records it in the same transaction; each
 * type of step has its handler.
 */
@Injectable()
export class PlaybookStepRunner {
  private readonly handlers: StepHandlers;

  constructor(
    private readonly em: EntityManager,
    private readonly wait: WaitStepHandler,
    sendEmail: SendEmailStepHandler,
    fileRequest: FileRequestStepHandler,
    tag: TagStepHandler,
    notifyOwner: NotifyOwnerStepHandler,
  ) {
    this.handlers = {
      wait,
      send_email: sendEmail,
      file_request: fileRequest,
      add_tag: tag,
      remove_tag: tag,
      notify_owner: notifyOwner,
    };
  }

  async load(runId: string): Promise<PlaybookRunPlan | null> {
    const run = await findRunProgress(sqlRunner(this.em), runId);
    if (run?.status !== 'running') return null;
    return {
      steps: run.steps.map((s): PlaybookPlanStep =>
        s.type === 'wait' ? { type: 'wait', days: s.days } : { type: s.type },
      ),
      fromStep: run.current_step ?? 0,
      wakeAt: run.wake_at && isoDate(run.wake_at),
    };
  }

  beginWait(runId: string, step: number, wakeAt: string): Promise<PlaybookStepResult> {
    return this.wait.begin(runId, step, wakeAt);
  }

  async runStep(runId: string, step: number): Promise<PlaybookStepResult> {
    const spec = await this.stepOf(runId, step);
    // No such run (deleted with its client): stopped, as under its lock.
    if (!spec) return 'stopped';
    return this.handle(spec.type, runId, step, spec);
  }

  /** Records the end; a run that is no longer running (cancelled, failed) keeps its status. */
  async finish(runId: string, outcome: PlaybookRunOutcome): Promise<void> {
    const status =
      outcome === 'completed' ? 'completed' : outcome === 'failed' ? 'failed' : 'cancelled';
    await finishRun(sqlRunner(this.em), runId, status);
  }

  /** `type` apart from `spec`, so that the handler of type T takes the spec of type T. */
  private handle<T extends StepType>(
    type: T,
    runId: string,
    step: number,
    spec: StepSpec<T>,
  ): Promise<PlaybookStepResult> {
    return this.handlers[type].run(runId, step, spec);
  }

  /** The steps of a run are fixed when it starts: read before its lock, the same as under it. */
  private stepOf(runId: string, step: number): Promise<PlaybookStep | undefined> {
    return findRunStep(sqlRunner(this.em), runId, step);
  }
}
