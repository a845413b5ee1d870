import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';

/**
 * Failed sign-ins per login name, kept whether or not an account exists, so a lockout
 * answers the same for known and unknown emails.
 */
@Entity({ tableName: 'login_throttle' })
export class LoginThrottle {
  @PrimaryKey({ type: 'text' })
  login!: string;

  @Property({ type: 'integer' })
  failures: Opt<number> = 0;

  @Property({ type: 'timestamptz', nullable: true })
  lockedUntil?: Date | null;

  @Property({ type: 'timestamptz' })
  updatedAt: Opt<Date> = new Date();
}
