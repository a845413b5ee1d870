import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@server/config/config.module';
import type { AppConfig } from '@server/config/env.schema';
import { sqlTransaction } from '@server/database/sql-runner';
import { EmailDispatcherWaker } from '../../email/email-dispatcher-waker.service';
import { insertOutgoingEmails } from '../../email/email.repository';
import { renderEmail } from '../../email/render-email';
import {
  FileRequestRejectionEmail,
  fileRequestRejectionSubject,
} from '../../email/templates/file-request-rejection-email';
import { storeAcceptLinks } from '../../invitations/invitations.repository';
import { SettingsService } from '../../settings/settings.service';
import { recordEvent } from '../file-requests.repository';
import {
  findUnemailedRejections,
  lastReviewEventId,
  lockLiveRequest,
  markRejectionsEmailed,
  reachableRecipients,
  type Recipient,
} from './file-request-delivery.repository';
import { recipientEmail, type RecipientEmailContext } from './recipient-email';

/**
 * Tells the recipients what staff sent back: one email for every item rejected since the last
 * such email (the workflow waits for staff to finish reviewing first), at once, ahead of bulk
 * email. The titles and reasons are in it with the firm's "detailed notifications"; the
 * portal shows them next to each item either way.
 */
@Injectable()
export class FileRequestRejectionMailer {
  constructor(
    private readonly em: EntityManager,
    private readonly settings: SettingsService,
    private readonly waker: EmailDispatcherWaker,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Returns how many emails were queued. Items are marked emailed in the same transaction, so
   * a retry sends nothing twice; an item answered again meanwhile is not in it, and a request
   * that no longer waits for the recipients sends nothing.
   */
  async notify(requestId: string): Promise<number> {
    const settings = await this.settings.get();
    const queued = await sqlTransaction(this.em, async (sql) => {
      const request = await lockLiveRequest(sql, requestId);
      if (request?.status !== 'open') return 0;
      const items = await findUnemailedRejections(sql, requestId);
      if (!items.length) return 0;
      await markRejectionsEmailed(
        sql,
        items.map((i) => i.id),
      );
      const lastReview = await lastReviewEventId(sql, requestId);
      const recipients = await reachableRecipients(sql, requestId, request.client_id);
      const ctx: RecipientEmailContext = {
        publicUrl: this.config.PUBLIC_URL,
        settings,
        request,
        links: [],
      };
      const key = (r: Recipient) =>
        `file-request/${requestId}/rejected/${lastReview}/${r.contact_id}`;
      const emails = await Promise.all(
        recipients.map((r) =>
          recipientEmail(ctx, r, { kind: 'file_request', key: key(r) }, (access, greetingName) => {
            const props = {
              firmName: settings.firmName,
              logoUrl: settings.logoUrl,
              greetingName,
              subject: request.subject,
              access,
              count: items.length,
              items: settings.detailedNotifications ? items : null,
            };
            return renderEmail(
              fileRequestRejectionSubject(props),
              FileRequestRejectionEmail(props),
            );
          }),
        ),
      );
      await storeAcceptLinks(sql, ctx.links);
      const count = await insertOutgoingEmails(sql, emails, settings.emailDelivery);
      if (count) {
        await recordEvent(sql, {
          requestId,
          kind: 'rejection_emailed',
          detail: `Sent back ${items.map((i) => `"${i.title}"`).join(', ')}: emailed to ${recipients.map((r) => r.email).join(', ')}`,
        });
      }
      return count;
    });
    if (queued) this.waker.wake();
    return queued;
  }
}
