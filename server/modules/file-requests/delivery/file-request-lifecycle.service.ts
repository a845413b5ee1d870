import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sqlTransaction } from '@server/database/sql-runner';
import type { FileRequestRecordStatus } from '@workflows/file-request/file-request.contract';
import { recordEvent } from '../file-request-state.sql';
import { lockLiveRequest } from './live-request.sql';

/** A file request's state as its workflow reads and moves it: status, overdue, the end. */
@Injectable()
export class FileRequestLifecycleService {
  constructor(private readonly em: EntityManager) {}

  async status(requestId: string): Promise<FileRequestRecordStatus> {
    const [row] = await this.em
      .getConnection()
      .execute<{ status: FileRequestRecordStatus }[]>(
        'select status from file_request where id = ?',
        [requestId],
      );
    return row?.status ?? 'gone';
  }

  /** Sets the overdue flag once the due date passes with items still outstanding. */
  async markOverdue(requestId: string): Promise<{ open: boolean }> {
    return sqlTransaction(this.em, async (sql) => {
      const request = await lockLiveRequest(sql, requestId);
      if (!request || !['open', 'uploaded'].includes(request.status)) return { open: false };
      const [changed] = await sql<{ id: string }[]>(
        'update file_request set overdue = true where id = ? and not overdue returning id',
        [requestId],
      );
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
    await this.em.getConnection().execute(
      `insert into file_request_event (request_id, kind, detail)
       select id, 'reminders_stopped', ? from file_request where id = ?`,
      [`Reminders stopped: the request is ${outcome}`, requestId],
    );
  }
}
