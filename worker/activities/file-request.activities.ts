import { Injectable } from '@nestjs/common';
import { FileRequestMailerService } from '../../server/modules/file-requests/delivery/file-request-mailer.service';
import type {
  FileRequestActivities,
  FileRequestEmailKind,
} from '../../workflows/file-request/file-request.contract';

@Injectable()
export class FileRequestActivitiesImpl implements FileRequestActivities {
  constructor(private readonly mailer: FileRequestMailerService) {}

  async notifyRecipients(
    requestId: string,
    kind: FileRequestEmailKind,
    step: number,
  ): Promise<{ open: boolean }> {
    const { open } = await this.mailer.notify(requestId, kind, String(step));
    return { open };
  }

  markOverdue(requestId: string): Promise<{ open: boolean }> {
    return this.mailer.markOverdue(requestId);
  }

  sendUploadedDigest(requestId: string, round: number): Promise<void> {
    return this.mailer.sendUploadedDigest(requestId, round);
  }

  finishFileRequest(requestId: string, outcome: 'completed' | 'cancelled'): Promise<void> {
    return this.mailer.finish(requestId, outcome);
  }
}
