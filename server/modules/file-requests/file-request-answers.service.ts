import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sqlRunner, sqlTransaction, type SqlRunner } from '../../database/sql-runner';
import { uploadedSignal } from '@workflows/file-request/file-request.contract';
import { ClientFilesService } from '../client-files/client-files.service';
import {
  findUploadedFile,
  lockItem,
  markItemNotApplicable,
  markItemUploaded,
  shareWithRecipients,
  type LockedItem,
} from './file-request-items.repository';
import {
  isRecipientWithAccess,
  lockOpenRequest,
  recordEvent,
  settleStatus,
} from './file-requests.repository';
import { FileRequestWorkflowsService } from './delivery/file-request-workflows.service';
import { FileRequestsErrors, requestNotFound } from './file-requests.errors';

/**
 * A recipient's answers in the portal: an upload for an item (a re-upload is the next version
 * of the same file, so staff see the history), or "not applicable" with a comment.
 */
@Injectable()
export class FileRequestAnswersService {
  constructor(
    private readonly em: EntityManager,
    private readonly files: ClientFilesService,
    private readonly workflows: FileRequestWorkflowsService,
  ) {}

  /** 404 unless the contact is a recipient who still has access to the request's client. */
  async assertRecipient(requestId: string, contactId: string): Promise<void> {
    if (!(await isRecipientWithAccess(sqlRunner(this.em), requestId, contactId))) {
      throw requestNotFound(requestId);
    }
  }

  /**
   * Checked before anything is stored (a closed request or item takes no file), and the file
   * or version is recorded under the request's lock, so a cancel or an accept that lands
   * meanwhile refuses it whole.
   */
  async upload(
    requestId: string,
    itemId: string,
    upload: Express.Multer.File | undefined,
    contactId: string,
  ): Promise<void> {
    const target = await sqlTransaction(this.em, async (sql) => {
      const request = await lockOpenRequest(sql, requestId);
      const item = await this.answerable(sql, requestId, itemId);
      return { clientId: request.client_id, item };
    });
    const staged = await this.files.stage(
      target.clientId,
      upload,
      { contactId },
      // An answer to "update this file" is its own file until staff accept it.
      target.item.file_id ?? undefined,
    );
    // A cancel or an accept that lands meanwhile refuses the upload: its content goes again.
    await this.files.recording(staged, () =>
      sqlTransaction(this.em, async (sql) => {
        await lockOpenRequest(sql, requestId);
        const item = await this.answerable(sql, requestId, itemId);
        // Another recipient may have answered meanwhile: this upload is then its next version.
        const fileId = await this.files.record(sql, {
          ...staged,
          fileId: item.file_id ?? undefined,
        });
        const file = await findUploadedFile(sql, fileId);
        await markItemUploaded(sql, itemId, fileId);
        // The other recipients work on the same request: they see each other's uploads.
        await shareWithRecipients(sql, fileId, requestId);
        await recordEvent(sql, {
          requestId,
          itemId,
          kind: 'uploaded',
          detail: `Uploaded ${file.name} (version ${file.current_version}) for "${item.title}"`,
          contactId,
        });
        await settleStatus(sql, requestId);
      }),
    );
    await this.workflows.signal(requestId, uploadedSignal);
  }

  async notApplicable(
    requestId: string,
    itemId: string,
    comment: string,
    contactId: string,
  ): Promise<void> {
    await sqlTransaction(this.em, async (sql) => {
      await lockOpenRequest(sql, requestId);
      const item = await this.answerable(sql, requestId, itemId);
      await markItemNotApplicable(sql, itemId, comment);
      await recordEvent(sql, {
        requestId,
        itemId,
        kind: 'not_applicable',
        detail: `Marked "${item.title}" not applicable: ${comment}`,
        contactId,
      });
      await settleStatus(sql, requestId);
    });
    await this.workflows.signal(requestId, uploadedSignal);
  }

  /** An accepted item is settled; anything else can still be answered (or answered again). */
  private async answerable(sql: SqlRunner, requestId: string, itemId: string): Promise<LockedItem> {
    const item = await lockItem(sql, requestId, itemId);
    if (item.status === 'accepted') {
      throw FileRequestsErrors.FILE_REQUEST_ITEM_CLOSED(
        `"${item.title}" is accepted already: it takes no more changes.`,
      );
    }
    return item;
  }
}
