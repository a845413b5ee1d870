import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { hashPassword } from '../../common/auth/password-hasher';
import type { ContactPrincipal } from '../../common/auth/principal';
import { assertPasswordIsNotLogin } from '../../common/auth/password-policy';
import { MfaChallengeService } from '../../common/auth/mfa/mfa-challenge.service';
import { MfaService, type SecondStep } from '../../common/auth/mfa/mfa.service';
import { SessionsService, type ClientMeta } from '../../common/auth/sessions.service';
import { linkTokenProblem, type LinkTokenProblem } from '../../common/crypto/link-token';
import { hashSecretToken } from '../../common/crypto/secret-token';
import { isoDate } from '../../common/http/iso-date';
import { InvitationWorkflowsService } from '../invitations/invitation-workflows.service';
import { sqlRunner, sqlTransaction, type SqlRunner } from '../../database/sql-runner';
import { acceptedSignal } from '@workflows/portal-invitation/portal-invitation.contract';
import { Contact } from '../contacts/contact.entity';
import { InvitationsErrors } from '../invitations/invitations.errors';
import { PlaybookRunWorkflows } from '../playbooks/delivery/playbook-run-workflows.service';
import { recordAcceptanceRuns } from '../playbooks/delivery/playbook-triggers.repository';
import { SettingsService } from '../settings/settings.service';
import {
  acceptContact,
  acceptInvitation,
  connectContactClients,
  findInvitationToken,
  type InvitationTokenRow,
} from './portal.repository';
import type { InvitationPreview } from './portal.view';
import { DomainException } from '../../common/errors/domain.exception';

/** A contact's way in: the link from the email, a password, and a portal session. */
@Injectable()
export class InvitationAcceptanceService {
  constructor(
    private readonly em: EntityManager,
    private readonly settings: SettingsService,
    private readonly sessions: SessionsService,
    private readonly workflows: InvitationWorkflowsService,
    private readonly playbookRuns: PlaybookRunWorkflows,
    private readonly mfa: MfaService,
    private readonly challenges: MfaChallengeService,
  ) {}

  async preview(token: string): Promise<InvitationPreview> {
    const row = await this.live(sqlRunner(this.em), token, false);
    const { firmName, logoUrl, timeZone } = await this.settings.get();
    return {
      firmName,
      logoUrl,
      timeZone,
      email: row.email,
      firstName: row.first_name,
      lastName: row.last_name,
      expiresAt: isoDate(row.expires_at),
    };
  }

  /**
   * Activates the contact with their password, connects their clients (offline twins with the
   * same Tax Client ID become duplicates), kills every link of the invitation (single use),
   * records the runs of "invitation accepted" playbooks and opens a portal session, or the
   * second-factor step first if the firm requires one. The workflow is told afterwards; it also
   * finds out by itself.
   */
  async accept(
    token: string,
    password: string,
    meta: ClientMeta,
  ): Promise<
    { contact: Omit<ContactPrincipal, 'sessionTokenHash'> } & (
      { sessionToken: string } | { secondFactor: NonNullable<SecondStep>; challenge: string }
    )
  > {
    const preview = await this.live(sqlRunner(this.em), token, false);
    assertPasswordIsNotLogin(password, preview.email);
    const passwordHash = await hashPassword(password);
    const row = await sqlTransaction(this.em, async (sql) => {
      const live = await this.live(sql, token, true);
      await acceptContact(sql, live.contact_id, passwordHash);
      await acceptInvitation(
        sql,
        live.invitation_id,
        live.contact_id,
        meta.ip ? `From ${meta.ip}` : null,
      );
      await connectContactClients(sql, live.contact_id);
      await recordAcceptanceRuns(sql, live.contact_id);
      return live;
    });
    const contact = await this.em.findOneOrFail(Contact, row.contact_id);
    // A firm that requires a second factor of contacts has them set it up before any session.
    const owner = { kind: 'contact', id: contact.id } as const;
    const secondFactor = await this.mfa.secondStep(owner);
    const opened = secondFactor
      ? { secondFactor, challenge: await this.challenges.create(owner, meta) }
      : { sessionToken: await this.sessions.create(contact, meta) };
    await this.workflows.notify(row.contact_id, acceptedSignal);
    await this.playbookRuns.kick();
    const contactView = {
      kind: 'contact',
      id: contact.id,
      email: contact.email,
      firstName: contact.firstName ?? null,
      lastName: contact.lastName ?? null,
    } as const;
    return { contact: contactView, ...opened };
  }

  /** The invitation behind a token, if the token still opens it; else the reason why not. */
  private async live(sql: SqlRunner, token: string, lock: boolean): Promise<InvitationTokenRow> {
    const row = await findInvitationToken(sql, hashSecretToken(token), lock);
    const problem = linkTokenProblem(
      row && {
        used: row.status === 'accepted',
        expired: row.status === 'expired' || (row.status === 'pending' && row.past_expiry),
        revoked: row.status !== 'pending' || row.token_revoked_at !== null,
      },
    );
    if (problem) throw tokenError(problem);
    return row!;
  }
}

const TOKEN_MESSAGES: Record<LinkTokenProblem, string> = {
  TOKEN_INVALID:
    'This invitation link is not valid. Check that you opened the whole link from the email.',
  USED: 'This invitation was already used to set up your account. Sign in with your email and password.',
  EXPIRED: 'This invitation has expired. Ask your firm to send you a new one.',
  REVOKED:
    'This link no longer works: your firm sent a newer invitation or withdrew this one. Use the link in the latest email, or ask your firm for a new one.',
};

function tokenError(kind: LinkTokenProblem): DomainException {
  return InvitationsErrors[`INVITATION_${kind}`](TOKEN_MESSAGES[kind]);
}
