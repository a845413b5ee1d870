import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import type { FirmRole } from '../../common/access/firm-role';

@Entity({ tableName: 'staff_user' })
export class StaffUser {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Stored lower-cased; unique. */
  @Property({ type: 'text' })
  email!: string;

  @Property({ type: 'text' })
  firstName!: string;

  @Property({ type: 'text' })
  lastName!: string;

  /** None until an invited member chooses one through their link. */
  @Property({ type: 'text', hidden: true, lazy: true, nullable: true })
  passwordHash?: string | null;

  @Property({ type: 'text[]' })
  roles: Opt<FirmRole[]> = ['staff'];

  @Property({ type: 'boolean' })
  active: Opt<boolean> = true;

  @Property({ type: 'timestamptz', nullable: true })
  lastLoginAt?: Date | null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
