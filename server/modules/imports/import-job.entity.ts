import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { StoredFile } from '../files/stored-file.entity';
import { StaffUser } from '../staff/staff-user.entity';
import type { ImportMode } from './import-columns';
import type { ImportStatus, UndoReport } from '@workflows/client-import/client-import.contract';

@Entity({ tableName: 'import_job' })
export class ImportJob {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Gone (null) once the import has finished and nothing else uses the content. */
  @ManyToOne(() => StoredFile, { nullable: true, deleteRule: 'set null' })
  file?: StoredFile | null;

  @Property({ type: 'text' })
  fileName!: string;

  @Property({ type: 'text', nullable: true })
  format?: 'csv' | 'xlsx' | null;

  @Property({ type: 'text' })
  mode!: ImportMode;

  @Property({ type: 'boolean' })
  dryRun: Opt<boolean> = false;

  @Property({ type: 'text' })
  status: Opt<ImportStatus> = 'queued';

  @Property({ type: 'integer' })
  total: Opt<number> = 0;

  @Property({ type: 'integer' })
  processed: Opt<number> = 0;

  @Property({ type: 'integer' })
  created: Opt<number> = 0;

  @Property({ type: 'integer' })
  updated: Opt<number> = 0;

  @Property({ type: 'integer' })
  unchanged: Opt<number> = 0;

  @Property({ type: 'integer' })
  failed: Opt<number> = 0;

  @Property({ type: 'text[]' })
  headers: Opt<string[]> = [];

  @Property({ type: 'text[]' })
  unknownColumns: Opt<string[]> = [];

  @Property({ type: 'text', nullable: true })
  errorCode?: string | null;

  @Property({ type: 'text', nullable: true })
  error?: string | null;

  @Property({ type: 'text' })
  workflowId!: string;

  @Property({ type: 'json', nullable: true })
  undoReport?: UndoReport | null;

  /** On a dry run: the real import started from its stored file, once. */
  @Property({ type: 'uuid', nullable: true })
  realImportId?: string | null;

  @ManyToOne(() => StaffUser, { nullable: true, deleteRule: 'set null' })
  createdBy?: StaffUser | null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  finishedAt?: Date | null;
}
