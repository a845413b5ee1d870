import { randomUUID } from 'node:crypto';
import { Entity, Enum, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { PORTAL_STATUSES, type PortalStatus } from '../clients/client.enums';

/**
 * A person who can use the portal; the email is their login. The table also has `search_text`,
 * names and email lower-cased, a stored generated column left unmapped: only the lists' SQL
 * reads it (see the migration that added it).
 */
@Entity({ tableName: 'contact' })
export class Contact {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Unique case-insensitively (index on lower(email)). */
  @Property({ type: 'text' })
  email!: string;

  @Property({ type: 'text', nullable: true })
  firstName?: string | null;

  @Property({ type: 'text', nullable: true })
  lastName?: string | null;

  @Property({ type: 'text', nullable: true })
  phone?: string | null;

  @Enum({ items: () => PORTAL_STATUSES })
  portalStatus: Opt<PortalStatus> = 'not_invited';

  /** Set when the contact accepts an invitation; until then they cannot sign in. */
  @Property({ type: 'text', nullable: true, hidden: true, lazy: true })
  passwordHash?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  acceptedAt?: Date | null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
