import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { DAY_MS, type PlaybookStepResult } from '@workflows/playbook/playbook-run.contract';
import { DomainException } from '@server/common/errors/domain.exception';
import { dayIn } from '@server/common/time/firm-day';
import { sqlRunner, sqlTransaction } from '@server/database/sql-runner';
import { FileRequestsService } from '@server/modules/file-requests/file-requests.service';
import { SettingsService } from '@server/modules/settings/settings.service';
import { isTemporalUnavailable } from '@server/temporal/temporal-unavailable';
import {
  findPrimaryContactId,
  findRequestTemplate,
  findStepFileRequest,
} from '../playbook-step-actions.repository';
import { StepFailure, type StepHandler, type StepNote, type StepSpec } from '../playbook-step';
import { appendLog, lockRunStatus } from '../playbooks-delivery.repository';
import { doneStep, logEntry } from './playbook-run-log';
import { PlaybookRunLock } from './playbook-run-lock.service';
import { PlaybookStepAudit } from './playbook-step-audit.service';

const requested = (subject: string): StepNote => ({
  outcome: 'done',
  detail: `Requested "${subject}" from the primary contact`,
});

/**
 * `file_request`: a file request from a template, to the primary contact, as if by the
 * playbook's creator. It is made outside the run's lock (it starts a workflow); the request
 * names its run and step, so a retry after the request was made finds it.
 */
@Injectable()
export class FileRequestStepHandler implements StepHandler<'file_request'> {
  private readonly logger = new Logger(FileRequestStepHandler.name);

  constructor(
    private readonly em: EntityManager,
    private readonly lock: PlaybookRunLock,
    private readonly audit: PlaybookStepAudit,
    private readonly fileRequests: FileRequestsService,
    private readonly settings: SettingsService,
  ) {}

  async run(
    runId: string,
    step: number,
    spec: StepSpec<'file_request'>,
  ): Promise<PlaybookStepResult> {
    const prepared = await this.lock.withRunLock(runId, step, async (sql, run) => {
      if (doneStep(run, step)) return null;
      const made = await findStepFileRequest(sql, runId, step);
      if (made) {
        await appendLog(sql, runId, logEntry(step, 'file_request', requested(made.subject)));
        return null;
      }
      const template = await findRequestTemplate(sql, spec.templateId);
      if (!template) throw new StepFailure('The request template of this step no longer exists');
      const contactId = await findPrimaryContactId(sql, run.client_id);
      if (!contactId) {
        const note: StepNote = {
          outcome: 'skipped',
          detail: 'No request made: the client has no primary contact',
        };
        await appendLog(sql, runId, logEntry(step, 'file_request', note));
        return null;
      }
      return { template, contactId, run };
    });
    if (!prepared.ran) return prepared.result;
    if (!prepared.value) return 'continue';

    const { template, contactId, run } = prepared.value;
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
      if (!(e instanceof DomainException) || isTemporalUnavailable(e)) throw e;
      return this.lock.fail(runId, step, 'file_request', e.message);
    }
    // The run may have been cancelled (its tag removed, the playbook disabled or deleted) while
    // the request was being made, outside the run's lock: such a request is withdrawn at once.
    // Otherwise the step is done under the lock, so a cancel comes after it.
    const still = await sqlTransaction(this.em, async (sql) => {
      if ((await lockRunStatus(sql, runId)) !== 'running') return false;
      await appendLog(sql, runId, logEntry(step, 'file_request', requested(template.subject)));
      return true;
    });
    if (!still) {
      await this.withdraw(requestId, run.created_by_staff_id);
      // After the request exists: recorded whatever the run's status is now.
      await appendLog(
        sqlRunner(this.em),
        runId,
        logEntry(step, 'file_request', {
          outcome: 'skipped',
          detail: `Request "${template.subject}" withdrawn: the run ended while it was made`,
        }),
      );
      return 'stopped';
    }
    await this.audit.record(run, step, {
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
}
