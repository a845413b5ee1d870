import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sqlRunner, sqlTransaction } from '@server/database/sql-runner';
import type { FileRequestRecordStatus } from '@workflows/file-request/file-request.contract';
import { findRequestStatus, recordEvent } from '../file-requests.repository';
import {
  lockLiveRequest,
  markOverdue,
  recordRemindersStopped,
} from './file-request-delivery.repository';

/** A file request's state as its workflow reads and moves it: status, overdue, the end. */
@Injectable()
export class FileRequestLifecycleService {
  constructor(private readonly em: EntityManager) {}

  async status(requestId: string): Promise<FileRequestRecordStatus> {
    return (await findRequestStatus(sqlRunner(this.em), requestId)) ?? 'gone';
  }

  /** Sets the overdue flag once the due date passes with items still outstanding. */
  async markOverdue(requestId: string): Promise<{ open: boolean }> {
    return sqlTransaction(this.em, async (sql) => {
      const request = await lockLiveRequest(sql, requestId);
      if (!request || !['open', 'uploaded'].includes(request.status)) return { open: false };
      const changed = await markOverdue(sql, requestId);
      if (changed && request.status === 'open') {
        await recordEvent(sql, {
          requestId,
          kind: 'overdue',
          detail: 'The due date passed with documents still missing',
        });
      }
      return { open: true };
    });
  }

  /** The workflow ended: the timeline says reminders have stopped (if the request is still there). */
  async finish(requestId: string, outcome: 'completed' | 'cancelled'): Promise<void> {
    await recordRemindersStopped(
      sqlRunner(this.em),
      requestId,
      `Reminders stopped: the request is ${outcome}`,
    );
  }
}
