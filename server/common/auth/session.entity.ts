import { Entity, ManyToOne, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { Contact } from '../../modules/contacts/contact.entity';
import { StaffUser } from '../../modules/staff/staff-user.entity';

/**
 * A signed-in browser: of a staff user (console) or a contact (portal), never both. The cookie
 * holds a random token; only its SHA-256 is stored here.
 */
@Entity({ tableName: 'session' })
export class Session {
  @PrimaryKey({ type: 'text' })
  tokenHash!: string;

  /** What the owner's session list shows and ends it by. */
  @Property({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  publicId!: Opt<string>;

  @ManyToOne(() => StaffUser, { deleteRule: 'cascade', nullable: true })
  staffUser?: StaffUser | null;

  @ManyToOne(() => Contact, { deleteRule: 'cascade', nullable: true })
  contact?: Contact | null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz' })
  lastSeenAt: Opt<Date> = new Date();

  @Property({ type: 'text', nullable: true })
  ip?: string | null;

  @Property({ type: 'text', nullable: true })
  userAgent?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date | null;
}
