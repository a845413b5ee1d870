import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { hashSecretToken } from '../../common/crypto/secret-token';
import { sqlRunner, sqlTransaction, type SqlRunner } from '../../database/sql-runner';
import { SettingsService } from '../settings/settings.service';
import {
  findRecipientByToken,
  markRecipientUnsubscribed,
  unsubscribeContact,
  type TokenRecipientRow,
} from './campaign-recipients.repository';
import { CampaignsErrors } from './campaigns.errors';
import type { UnsubscribeView } from './unsubscribe.view';

// Tokens are 43 base64url characters; anything else is not worth a query.
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

export const maskEmail = (email: string): string => {
  const at = email.lastIndexOf('@');
  return at > 0 ? `${email[0]}***${email.slice(at)}` : '***';
};

/**
 * A campaign recipient's unsubscribe link, with no sign-in: the token is the key. It stops
 * campaigns only; invitations and file requests still reach the contact.
 */
@Injectable()
export class UnsubscribeService {
  constructor(
    private readonly em: EntityManager,
    private readonly settings: SettingsService,
  ) {}

  async describe(token: string): Promise<UnsubscribeView> {
    const row = await this.recipient(sqlRunner(this.em), token);
    return this.view(row.email, row.unsubscribed_at !== null);
  }

  /**
   * Idempotent (mail clients may post twice). `changed`: this is when the contact unsubscribed,
   * for the audit trail.
   */
  async unsubscribe(
    token: string,
  ): Promise<{ view: UnsubscribeView; changed: boolean; recipient: TokenRecipientRow }> {
    const { row, changed } = await sqlTransaction(this.em, async (sql) => {
      const found = await this.recipient(sql, token, 'for update of ct');
      await markRecipientUnsubscribed(sql, found.campaign_id, found.contact_id);
      return { row: found, changed: await unsubscribeContact(sql, found.contact_id) };
    });
    return { view: await this.view(row.email, true), changed, recipient: row };
  }

  private async recipient(
    sql: SqlRunner,
    token: string,
    lock?: 'for update of ct',
  ): Promise<TokenRecipientRow> {
    const row = TOKEN.test(token)
      ? await findRecipientByToken(sql, hashSecretToken(token), lock)
      : undefined;
    if (!row) {
      throw CampaignsErrors.UNSUBSCRIBE_LINK_INVALID(
        'This unsubscribe link is not valid. Open the whole link from the email.',
      );
    }
    return row;
  }

  private async view(email: string, unsubscribed: boolean): Promise<UnsubscribeView> {
    const { firmName, logoUrl } = await this.settings.get();
    return { firmName, logoUrl, email: maskEmail(email), unsubscribed };
  }
}
