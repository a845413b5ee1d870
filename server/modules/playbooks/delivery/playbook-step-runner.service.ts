import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isoDate } from '@server/common/http/iso-date';
import type {
  PlaybookPlanStep,
  PlaybookRunOutcome,
  PlaybookRunPlan,
  PlaybookStepResult,
} from '@workflows/playbook/playbook-run.contract';
import type { PlaybookStep } from '../playbooks.schemas';
import type { StepHandler, StepSpec, StepType } from './playbook-step';
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
    const [run] = await this.em.getConnection().execute<
      {
        status: string;
        steps: PlaybookStep[];
        current_step: number | null;
        wake_at: string | null;
      }[]
    >('select status, steps, current_step, wake_at from playbook_run where id = ?', [runId]);
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
    await this.em.getConnection().execute(
      `update playbook_run set
         status = case when status = 'running' then ? else status end,
         cancel_reason = case when status = 'running' and ? = 'cancelled'
           then coalesce(cancel_reason, 'Cancelled') else cancel_reason end,
         finished_at = coalesce(finished_at, now()), wake_at = null,
         workflow_ended_at = coalesce(workflow_ended_at, now())
       where id = ?`,
      [status, status, runId],
    );
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
  private async stepOf(runId: string, step: number): Promise<PlaybookStep | undefined> {
    const [row] = await this.em
      .getConnection()
      .execute<{ step: PlaybookStep | null }[]>(
        'select steps -> ?::int as step from playbook_run where id = ?',
        [step, runId],
      );
    return row?.step ?? undefined;
  }
}
