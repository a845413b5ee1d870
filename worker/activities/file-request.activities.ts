import { Injectable } from '@nestjs/common';
import { FileRequestLifecycleService } from '../../server/modules/file-requests/delivery/file-request-lifecycle.service';
import { FileRequestMailerService } from '../../server/modules/file-requests/delivery/file-request-mailer.service';
import { FileRequestRejectionMailer } from '../../server/modules/file-requests/delivery/file-request-rejection-mailer.service';
import type {
  FileRequestActivities,
  FileRequestEmailKind,
  FileRequestRecordStatus,
} from '../../workflows/file-request/file-request.contract';

@Injectable()
export class FileRequestActivitiesImpl implements FileRequestActivities {
  constructor(
    private readonly mailer: FileRequestMailerService,
    private readonly lifecycle: FileRequestLifecycleService,
    private readonly rejections: FileRequestRejectionMailer,
  ) {}

  async readFileRequest(requestId: string): Promise<{ status: FileRequestRecordStatus }> {
    return { status: await this.lifecycle.status(requestId) };
  }

  async notifyRecipients(
    requestId: string,
    kind: FileRequestEmailKind,
    key: string,
  ): Promise<{ open: boolean; sent: boolean }> {
    const { open, sent } = await this.mailer.notify(requestId, kind, key);
    return { open, sent: sent > 0 };
  }

  markOverdue(requestId: string): Promise<{ open: boolean }> {
    return this.lifecycle.markOverdue(requestId);
  }

  async notifyRejections(requestId: string): Promise<void> {
    await this.rejections.notify(requestId);
  }

  sendUploadedDigest(requestId: string): Promise<void> {
    return this.mailer.sendUploadedDigest(requestId);
  }

  finishFileRequest(requestId: string, outcome: 'completed' | 'cancelled'): Promise<void> {
    return this.lifecycle.finish(requestId, outcome);
  }
}
