import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { WorkflowNotFoundError, type SignalDefinition } from '@temporalio/client';
import { isoDate } from '@server/common/http/iso-date';
import { APP_CONFIG } from '@server/config/config.module';
import type { AppConfig } from '@server/config/env.schema';
import { sqlRunner } from '@server/database/sql-runner';
import { dayIn, wallClock } from '@server/common/time/firm-day';
import type { StartOptionsOf } from '@server/temporal/registered-workflows';
import { TemporalService } from '@server/temporal/temporal.service';
import { SettingsService } from '../../settings/settings.service';
import { findRequestStatus, findWorkflowFacts } from '../file-requests.repository';
import {
  DAY_MS,
  fileRequestStatusQuery,
  fileRequestWorkflowId,
  type FileRequestInput,
  type FileRequestStatus as WorkflowStatus,
} from '@workflows/file-request/file-request.contract';

/** Reminders about a due date go out at 9 in the morning of their day, the firm's time. */
const remindingHour = (dueAt: string, timeZone: string) =>
  wallClock(dayIn(new Date(dueAt), timeZone), 9, timeZone).toISOString();

/**
 * Starts, signals and asks a request's `file-request-<id>` workflow. PostgreSQL is the record:
 * a signal that cannot be delivered is logged and the action stands, since every email the
 * workflow sends re-reads the request first.
 */
@Injectable()
export class FileRequestWorkflowsService {
  private readonly logger = new Logger(FileRequestWorkflowsService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly temporal: TemporalService,
    private readonly settings: SettingsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  workflowId = fileRequestWorkflowId;

  workflowUrl(requestId: string): string {
    return this.temporal.workflowUrl(fileRequestWorkflowId(requestId));
  }

  async start(requestId: string): Promise<void> {
    await this.temporal.start('fileRequestWorkflow', await this.options(requestId));
  }

  /** Wakes the workflow; one that is gone while the request is open is started again. */
  async signal(requestId: string, signal: SignalDefinition): Promise<void> {
    try {
      await this.temporal.client.workflow
        .getHandle(fileRequestWorkflowId(requestId))
        .signal(signal);
    } catch (e) {
      if (!(e instanceof WorkflowNotFoundError)) {
        this.logger.warn(`Signal ${signal.name} to file request ${requestId} failed: ${e}`);
        return;
      }
      const status = await findRequestStatus(sqlRunner(this.em), requestId);
      if (status !== 'open' && status !== 'uploaded') return;
      try {
        await this.temporal.signalWithStart('fileRequestWorkflow', {
          ...(await this.options(requestId)),
          signal,
        });
      } catch (again) {
        this.logger.warn(`Restarting the workflow of file request ${requestId} failed: ${again}`);
      }
    }
  }

  /** The workflow's live status; null when Temporal does not answer in time. */
  status(requestId: string): Promise<WorkflowStatus | null> {
    return this.temporal.queryWithin(fileRequestWorkflowId(requestId), fileRequestStatusQuery);
  }

  private async options(requestId: string): Promise<StartOptionsOf<'fileRequestWorkflow'>> {
    const row = await findWorkflowFacts(sqlRunner(this.em), requestId);
    const settings = await this.settings.get();
    const dueAt = row?.due_at ? isoDate(row.due_at) : null;
    const input: FileRequestInput = {
      requestId,
      createdAt: row ? isoDate(row.created_at) : new Date().toISOString(),
      dueAt,
      remindAt: dueAt && remindingHour(dueAt, settings.timeZone),
      reminderOffsetsBeforeDueMs: settings.requestReminderDaysBefore.map((d) => Number(d) * DAY_MS),
      overdueEveryMs: settings.requestOverdueIntervalDays * DAY_MS,
      rejectionQuietMs: this.config.FILE_REQUEST_REJECTION_QUIET_SECONDS * 1000,
    };
    return {
      workflowId: fileRequestWorkflowId(requestId),
      taskQueue: this.temporal.taskQueue,
      args: [input],
      searchAttributes: { ClientId: row ? [row.client_id] : [] },
    };
  }
}
