import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ContactPrincipal } from '../../common/auth/principal';
import type { ContactClientRole } from '../../common/access/client-role';
import { sqlRunner } from '../../database/sql-runner';
import { contactDisplayName } from '../contacts/contact.view';
import { SettingsService } from '../settings/settings.service';
import { findContactClients, findPortalClient } from './portal.repository';
import type { PortalClient, PortalMe } from './portal.view';

/** What a signed-in contact sees of the firm: its name, and the clients they belong to. */
@Injectable()
export class PortalService {
  constructor(
    private readonly em: EntityManager,
    private readonly settings: SettingsService,
  ) {}

  /** One of the contact's clients; the access service has checked the role. */
  async client(clientId: string, role: ContactClientRole): Promise<PortalClient> {
    const row = await findPortalClient(sqlRunner(this.em), clientId);
    return { ...row, role, canContribute: role === 'contact_collaborator' };
  }

  async me(principal: ContactPrincipal): Promise<PortalMe> {
    const [{ firmName, logoUrl, timeZone }, clients] = await Promise.all([
      this.settings.get(),
      findContactClients(sqlRunner(this.em), principal.id),
    ]);
    const { id, email, firstName, lastName } = principal;
    return {
      id,
      email,
      firstName,
      lastName,
      displayName: contactDisplayName(principal),
      firmName,
      logoUrl,
      timeZone,
      clients,
    };
  }
}
