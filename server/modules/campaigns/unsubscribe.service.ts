import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { hashSecretToken } from '../../common/crypto/secret-token';
import { sqlRunner, sqlTransaction, type SqlRunner } from '../../database/sql-runner';
import { SettingsService } from '../settings/settings.service';
import { CampaignsErrors } from './campaigns.errors';
import type { UnsubscribeView } from './unsubscribe.view';

interface TokenRow {
  contact_id: string;
  campaign_id: string;
  campaign_name: string;
  email: string;
  unsubscribed_at: string | null;
}

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
  ): Promise<{ view: UnsubscribeView; changed: boolean; recipient: TokenRow }> {
    const { row, changed } = await sqlTransaction(this.em, async (sql) => {
      const found = await this.recipient(sql, token, 'for update of ct');
      await sql(
        `update campaign_recipient set unsubscribed_at = coalesce(unsubscribed_at, now())
         where campaign_id = ? and contact_id = ?`,
        [found.campaign_id, found.contact_id],
      );
      const updated = await sql(
        `update contact set unsubscribed_at = now(), updated_at = now()
         where id = ? and unsubscribed_at is null returning id`,
        [found.contact_id],
      );
      return { row: found, changed: updated.length > 0 };
    });
    return { view: await this.view(row.email, true), changed, recipient: row };
  }

  private async recipient(sql: SqlRunner, token: string, lock = ''): Promise<TokenRow> {
    const [row] = TOKEN.test(token)
      ? await sql<TokenRow[]>(
          `select r.contact_id, r.campaign_id, k.name as campaign_name, ct.email, ct.unsubscribed_at
           from campaign_recipient r
           join contact ct on ct.id = r.contact_id
           join campaign k on k.id = r.campaign_id
           where r.unsubscribe_token_hash = ? ${lock}`,
          [hashSecretToken(token)],
        )
      : [];
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
