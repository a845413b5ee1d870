import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { AuditService, type AuditEntry } from '../../../common/audit/audit.service';
import { DomainException } from '../../../common/errors/domain.exception';
import { isoDate } from '../../../common/http/iso-date';
import { dayIn } from '../../../common/time/firm-day';
import { sqlTransaction, type SqlRunner } from '../../../database/sql-transaction';
import type {
  PlaybookPlanStep,
  PlaybookRunOutcome,
  PlaybookRunPlan,
  PlaybookStepResult,
} from '../../../../workflows/playbook/playbook-run.contract';
import { EmailDispatcherWaker } from '../../email/email-dispatcher-waker.service';
import { isTemporalUnavailable } from '../../../temporal/temporal-unavailable';
import { FileRequestsService } from '../../file-requests/file-requests.service';
import type { RequestTemplateItem } from '../../request-templates/request-template.view';
import { SettingsService } from '../../settings/settings.service';
import type { PlaybookRunLogEntry } from '../playbook.view';
import type { PlaybookStep } from '../playbooks.schemas';
import { PlaybookMailerService } from './playbook-mailer.service';
import { PlaybookRunWorkflows } from './playbook-run-workflows.service';
import { StepFailure, type LockedRun, type StepNote } from './playbook-step';

type Step<T extends PlaybookStep['type']> = Extract<PlaybookStep, { type: T }>;

interface TemplateRow {
  subject: string;
  description: string | null;
  message: string | null;
  items: RequestTemplateItem[];
  due_in_days: number | null;
}

const DAY_MS = 86_400_000;

/** What a step did on the client, for the audit trail (recorded after the commit). */
type StepAudit = Pick<AuditEntry, 'action' | 'detail'> & { did: string };

/**
 * The playbook-run workflow's activities. Each step first re-reads the run under its row lock
 * (still running, playbook still enabled: PostgreSQL is the record), does its work at most once
 * (its line in the run's log says it is done) and records it in the same transaction.
 */
@Injectable()
export class PlaybookStepRunner {
  private readonly logger = new Logger(PlaybookStepRunner.name);

  constructor(
    private readonly em: EntityManager,
    private readonly mailer: PlaybookMailerService,
    private readonly fileRequests: FileRequestsService,
    private readonly runs: PlaybookRunWorkflows,
    private readonly waker: EmailDispatcherWaker,
    private readonly audit: AuditService,
    private readonly settings: SettingsService,
  ) {}

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
    return this.inRun(runId, step, async (sql, run) => {
      const days = (run.steps[step] as Step<'wait'>).days;
      await sql('update playbook_run set current_step = ?, wake_at = ? where id = ?', [
        step,
        wakeAt,
        runId,
      ]);
      if (!loggedStep(run, step)) {
        await appendLog(sql, runId, {
          step,
          type: 'wait',
          outcome: 'waiting',
          detail: `Waiting ${days} day${days === 1 ? '' : 's'}, until ${wakeAt.slice(0, 10)}`,
          at: new Date().toISOString(),
        });
      }
      return 'continue';
    });
  }

  async runStep(runId: string, step: number): Promise<PlaybookStepResult> {
    const spec = await this.stepOf(runId, step);
    if (spec?.type === 'file_request') return this.fileRequestStep(runId, step, spec);
    let wake = false;
    let kick = false;
    let audit: { run: LockedRun; entry: StepAudit } | null = null;
    const result = await this.inRun(runId, step, async (sql, run) => {
      if (doneStep(run, step)) return 'continue';
      const spec = run.steps[step];
      let note: StepNote;
      if (spec.type === 'send_email') note = await this.mailer.sendEmail(sql, run, step, spec);
      else if (spec.type === 'notify_owner') {
        note = await this.mailer.notifyOwner(sql, run, step, spec.message);
        if (note.outcome === 'done') {
          audit = {
            run,
            entry: { action: 'playbook_run.owner_notified', did: note.detail.replace(/\.$/, '') },
          };
        }
      } else if (spec.type === 'add_tag' || spec.type === 'remove_tag') {
        const change = await this.changeTag(sql, run, spec);
        note = change.note;
        if (change.audit) audit = { run, entry: change.audit };
        kick = true;
      } else throw new StepFailure(`Step ${step + 1} (${spec.type}) cannot run here`);
      wake = !!note.wake;
      await appendLog(sql, runId, logEntry(step, spec.type, note));
      return 'continue';
    });
    // Widened: assigned in the callback, which narrowing cannot see.
    const done = audit as { run: LockedRun; entry: StepAudit } | null;
    if (done) await this.recordAudit(done.run, step, done.entry);
    if (wake) this.waker.wake();
    // A tag change may have started or cancelled runs (this playbook's or others').
    if (kick) await this.runs.kick();
    return result;
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

  /**
   * A file request from a template, to the primary contact, as if by the playbook's creator.
   * The request names its run and step, so a retry after the request was made finds it.
   */
  private async fileRequestStep(
    runId: string,
    step: number,
    spec: Step<'file_request'>,
  ): Promise<PlaybookStepResult> {
    const prepared = await this.inRun(runId, step, async (sql, run) => {
      if (doneStep(run, step)) return 'continue';
      const [made] = await sql<{ id: string; subject: string }[]>(
        'select id, subject from file_request where playbook_run_id = ? and playbook_step = ?',
        [runId, step],
      );
      if (made) {
        await appendLog(sql, runId, logEntry(step, 'file_request', requested(made.subject)));
        return 'continue';
      }
      const [template] = await sql<TemplateRow[]>(
        'select subject, description, message, items, due_in_days from request_template where id = ?',
        [spec.templateId],
      );
      if (!template) throw new StepFailure('The request template of this step no longer exists');
      const [contact] = await sql<{ id: string }[]>(
        `select cc.contact_id as id from client_contact cc
         where cc.client_id = ? and cc.is_primary`,
        [run.client_id],
      );
      if (!contact) {
        const note: StepNote = {
          outcome: 'skipped',
          detail: 'No request made: the client has no primary contact',
        };
        await appendLog(sql, runId, logEntry(step, 'file_request', note));
        return 'continue';
      }
      return { template, contactId: contact.id, run };
    });
    if (typeof prepared === 'string') return prepared;

    const { template, contactId, run } = prepared;
    const dueInDays = spec.dueInDays ?? template.due_in_days;
    const { timeZone } = await this.settings.get();
    let requestId: string;
    try {
      requestId = await this.fileRequests.create(
        {
          clientId: run.client_id,
          recipientIds: [contactId],
          subject: template.subject,
          description: template.description,
          message: template.message,
          // That many days from the firm's today, due at the end of that day.
          dueAt: dueInDays ? dayIn(Date.now() + dueInDays * DAY_MS, timeZone) : null,
          items: template.items.map((i) => ({ ...i, updatesFileId: null })),
        },
        run.created_by_staff_id,
        { playbookRunId: runId, step },
      );
    } catch (e) {
      // Temporal unreachable is passing: the activity is retried. Anything else is for staff.
      const retry = !(e instanceof DomainException) || isTemporalUnavailable(e);
      if (retry) throw e;
      return this.fail(runId, step, 'file_request', e.message);
    }
    // The run may have been cancelled (its tag removed, the playbook disabled or deleted) while
    // the request was being made, outside the run's lock: such a request is withdrawn at once.
    // Otherwise the step is done under the lock, so a cancel comes after it.
    const still = await sqlTransaction(this.em, async (sql) => {
      const [now] = await sql<{ status: string }[]>(
        'select status from playbook_run where id = ? for update',
        [runId],
      );
      if (now?.status !== 'running') return false;
      await appendLog(sql, runId, logEntry(step, 'file_request', requested(template.subject)));
      return true;
    });
    if (!still) {
      await this.withdraw(requestId, run.created_by_staff_id);
      await appendLogOnly(
        this.em,
        runId,
        logEntry(step, 'file_request', {
          outcome: 'skipped',
          detail: `Request "${template.subject}" withdrawn: the run ended while it was made`,
        }),
      );
      return 'stopped';
    }
    await this.recordAudit(run, step, {
      action: 'playbook_run.file_requested',
      did: `requested "${template.subject}" from the primary contact`,
      detail: { fileRequestId: requestId },
    });
    return 'continue';
  }

  /** Cancels a request the run should not have made (already closed: nothing to do). */
  private async withdraw(requestId: string, staffId: string | null): Promise<void> {
    try {
      // No staff member (the playbook's creator is gone): the event names nobody, as create does.
      await this.fileRequests.cancel(requestId, staffId as string);
    } catch (e) {
      if (!(e instanceof DomainException)) throw e;
      this.logger.warn(`File request ${requestId} of an ended run not cancelled: ${e.message}`);
    }
  }

  /** An automated action on the client, in the audit trail as the system's. */
  private async recordAudit(run: LockedRun, step: number, entry: StepAudit): Promise<void> {
    await this.audit.record(
      { actor: { kind: 'system' } },
      {
        action: entry.action,
        summary: `Playbook "${run.playbook_name}" ${entry.did} (run ${run.id}, step ${step + 1})`,
        targetType: 'playbook_run',
        targetId: run.id,
        clientId: run.client_id,
        detail: { playbookId: run.playbook_id, step, ...entry.detail },
      },
    );
  }

  private async changeTag(
    sql: SqlRunner,
    run: LockedRun,
    spec: Step<'add_tag'> | Step<'remove_tag'>,
  ): Promise<{ note: StepNote; audit: StepAudit | null }> {
    const [tag] = await sql<{ name: string }[]>('select name from tag where id = ?', [spec.tagId]);
    if (!tag) throw new StepFailure('The tag of this step no longer exists');
    if (spec.type === 'add_tag') {
      const added = await sql<unknown[]>(
        `insert into client_tag (client_id, tag_id) values (?, ?) on conflict do nothing returning tag_id`,
        [run.client_id, spec.tagId],
      );
      if (added.length) await touchClient(sql, run.client_id);
      return {
        note: {
          outcome: 'done',
          detail: `${added.length ? 'Tagged' : 'Already tagged'} ${tag.name}`,
        },
        audit: added.length
          ? {
              action: 'playbook_run.tag_added',
              did: `added tag ${tag.name}`,
              detail: { tagId: spec.tagId },
            }
          : null,
      };
    }
    // The removal cancels other runs triggered by this tag, not this one (a "clean up" last step).
    await sql(`select set_config('clienthub.playbook_run_id', ?, true)`, [run.id]);
    const removed = await sql<unknown[]>(
      'delete from client_tag where client_id = ? and tag_id = ? returning tag_id',
      [run.client_id, spec.tagId],
    );
    if (removed.length) await touchClient(sql, run.client_id);
    return {
      note: {
        outcome: 'done',
        detail: `${removed.length ? 'Removed' : 'Did not have'} tag ${tag.name}`,
      },
      audit: removed.length
        ? {
            action: 'playbook_run.tag_removed',
            did: `removed tag ${tag.name}`,
            detail: { tagId: spec.tagId },
          }
        : null,
    };
  }

  /**
   * Runs `work` on the run under its row lock if it should go on, with `step` as its current
   * step; a run whose playbook was disabled or deleted meanwhile is cancelled here. A
   * StepFailure fails the run.
   */
  private async inRun<T>(
    runId: string,
    step: number,
    work: (sql: SqlRunner, run: LockedRun) => Promise<T | PlaybookStepResult>,
  ): Promise<T | PlaybookStepResult> {
    // Widened: assigned in the callback, which narrowing cannot see.
    let failure = null as { type: PlaybookStep['type']; message: string } | null;
    const result = await sqlTransaction(this.em, async (sql) => {
      // The client first, then the run: the order of every tag change (whose trigger updates
      // runs), so a step and a bulk tag edit of the same client cannot deadlock.
      const [ref] = await sql<{ client_id: string }[]>(
        'select client_id from playbook_run where id = ?',
        [runId],
      );
      if (!ref) return 'stopped' as const;
      await sql('select 1 from client where id = ? for no key update', [ref.client_id]);
      const [run] = await sql<LockedRun[]>(
        `select r.id, r.status, r.client_id, r.playbook_id, r.playbook_name, r.steps, r.log,
           p.enabled, p.created_by_staff_id
         from playbook_run r left join playbook p on p.id = r.playbook_id
         where r.id = ? for update of r`,
        [runId],
      );
      if (run?.status !== 'running') return 'stopped' as const;
      if (!run.enabled) {
        await sql(
          `update playbook_run set status = 'cancelled', finished_at = now(), wake_at = null,
             cancel_reason = ? where id = ?`,
          [run.playbook_id ? 'The playbook was disabled' : 'The playbook was deleted', runId],
        );
        return 'stopped' as const;
      }
      await sql('update playbook_run set current_step = ?, wake_at = null where id = ?', [
        step,
        runId,
      ]);
      try {
        return await work(sql, run);
      } catch (e) {
        if (!(e instanceof StepFailure)) throw e;
        failure = { type: run.steps[step].type, message: e.message };
        return 'failed' as const;
      }
    });
    if (failure) {
      const { type, message } = failure;
      return this.fail(runId, step, type, message);
    }
    return result;
  }

  private async fail(
    runId: string,
    step: number,
    type: PlaybookStep['type'],
    message: string,
  ): Promise<PlaybookStepResult> {
    await this.em.getConnection().execute(
      `update playbook_run set status = 'failed', error = ?, finished_at = now(), wake_at = null,
         current_step = ?, log = log || ?::jsonb where id = ? and status = 'running'`,
      [
        message,
        step,
        JSON.stringify([
          { step, type, outcome: 'failed', detail: message, at: new Date().toISOString() },
        ]),
        runId,
      ],
    );
    return 'failed';
  }

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

const loggedStep = (run: LockedRun, step: number) => run.log.some((l) => l.step === step);
const doneStep = (run: LockedRun, step: number) =>
  run.log.some((l) => l.step === step && (l.outcome === 'done' || l.outcome === 'skipped'));

const logEntry = (
  step: number,
  type: PlaybookStep['type'],
  note: StepNote,
): PlaybookRunLogEntry => ({
  step,
  type,
  outcome: note.outcome,
  detail: note.detail,
  at: new Date().toISOString(),
});

const requested = (subject: string): StepNote => ({
  outcome: 'done',
  detail: `Requested "${subject}" from the primary contact`,
});

async function appendLog(sql: SqlRunner, runId: string, entry: PlaybookRunLogEntry): Promise<void> {
  await sql('update playbook_run set log = log || ?::jsonb where id = ?', [
    JSON.stringify([entry]),
    runId,
  ]);
}

/** After the request exists: recorded whatever the run's status is now. */
async function appendLogOnly(em: EntityManager, runId: string, entry: PlaybookRunLogEntry) {
  await em
    .getConnection()
    .execute('update playbook_run set log = log || ?::jsonb where id = ?', [
      JSON.stringify([entry]),
      runId,
    ]);
}

/** A tag change is an edit of the client (as the bulk tag action counts it). */
async function touchClient(sql: SqlRunner, clientId: string): Promise<void> {
  await sql('update client set updated_at = now() where id = ?', [clientId]);
}
