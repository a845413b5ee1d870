import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { StaffUser } from '../staff/staff-user.entity';

/** An uploaded file; its bytes live content-addressed by SHA-256 in the object store. */
@Entity({ tableName: 'stored_file' })
export class StoredFile {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  sha256!: string;

  @Property({ type: 'bigint' })
  size!: number;

  @Property({ type: 'text' })
  originalName!: string;

  @Property({ type: 'text', nullable: true })
  contentType?: string | null;

  /** False for content stored before encryption, until `npm run storage:rewrap` seals it. */
  @Property({ type: 'boolean' })
  encrypted: Opt<boolean> = true;

  @ManyToOne(() => StaffUser, { nullable: true, deleteRule: 'set null' })
  createdBy?: StaffUser | null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
