import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ContactPrincipal } from '../../common/auth/principal';
import type { ContactClientRole } from '../../common/access/client-role';
import { contactDisplayName } from '../contacts/contact.view';
import { SettingsService } from '../settings/settings.service';
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
    const [row] = await this.em
      .getConnection()
      .execute<Omit<PortalClient, 'role' | 'canContribute'>[]>(
        `select id, display_name as "displayName", type, email, phone, street, city, state,
         postal_code as "postalCode" from client where id = ?`,
        [clientId],
      );
    return { ...row, role, canContribute: role === 'contact_collaborator' };
  }

  async me(principal: ContactPrincipal): Promise<PortalMe> {
    const [{ firmName, logoUrl, timeZone }, clients] = await Promise.all([
      this.settings.get(),
      this.em.getConnection().execute<PortalMe['clients']>(
        // Direct and through contact groups; the higher role wins.
        `select c.id, c.display_name as "displayName",
           case when bool_or(a.role = 'contact_collaborator') then 'contact_collaborator'
             else 'contact_access' end as role
         from portal_client_access a join client c on c.id = a.client_id
         where a.contact_id = ? group by c.id order by lower(c.display_name)`,
        [principal.id],
      ),
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
