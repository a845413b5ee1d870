import { randomUUID } from 'node:crypto';
import {
  Collection,
  Entity,
  Enum,
  ManyToMany,
  PrimaryKey,
  Property,
  type Opt,
} from '@mikro-orm/core';
import { Tag } from '../tags/tag.entity';
import {
  CLIENT_TYPES,
  CONNECTION_STATUSES,
  PORTAL_STATUSES,
  type ClientType,
  type ConnectionStatus,
  type PortalStatus,
} from './client.enums';

/**
 * The client entity of the firm (an individual or a business). The table also has `search_text`,
 * the searched fields lower-cased, a stored generated column left unmapped: only the lists'
 * SQL reads it (see the migration that added it).
 */
@Entity({ tableName: 'client' })
export class Client {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Enum({ items: () => CLIENT_TYPES })
  type: Opt<ClientType> = 'standard';

  @Property({ type: 'text', nullable: true })
  firstName?: string | null;

  @Property({ type: 'text', nullable: true })
  lastName?: string | null;

  @Property({ type: 'text', nullable: true })
  companyName?: string | null;

  /** Company name, else "First Last"; kept in a column so the list sorts and searches on an index. */
  @Property({ type: 'text' })
  displayName!: string;

  @Property({ type: 'text', nullable: true })
  email?: string | null;

  @Property({ type: 'text', nullable: true })
  phone?: string | null;

  @Property({ type: 'text', nullable: true })
  street?: string | null;

  @Property({ type: 'text', nullable: true })
  city?: string | null;

  @Property({ type: 'text', nullable: true })
  state?: string | null;

  @Property({ type: 'text', nullable: true })
  postalCode?: string | null;

  /** Unique among standard clients; offline twins may share it. */
  @Property({ type: 'text', nullable: true })
  taxClientId?: string | null;

  @Enum({ items: () => CONNECTION_STATUSES })
  connectionStatus: Opt<ConnectionStatus> = 'not_connected';

  /** Portal status of the primary contact, kept here so list filters stay on one table. */
  @Enum({ items: () => PORTAL_STATUSES })
  portalStatus: Opt<PortalStatus> = 'not_invited';

  /**
   * The client's tags. Triggers on client_tag copy them to the unmapped column `tag_ids`, which
   * the client list filters by (see the migration that added it).
   */
  @ManyToMany({
    entity: () => Tag,
    pivotTable: 'client_tag',
    joinColumn: 'client_id',
    inverseJoinColumn: 'tag_id',
  })
  tags = new Collection<Tag>(this);

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
