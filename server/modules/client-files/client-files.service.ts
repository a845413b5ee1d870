import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isoDate } from '../../common/http/iso-date';
import { pgArray } from '../../database/pg-array';
import { sqlTransaction, type SqlRunner } from '../../database/sql-runner';
import { FileStore } from '../files/file-store.service';
import { ClientFilesErrors } from './client-files.errors';
import { sniffUpload } from './content-sniffer';
import type { ClientFileView, FileVersionView } from './client-file.view';
import { sanitizeFileName, withExtension } from './file-name';

export type Uploader = { staffId: string } | { contactId: string };

/** An upload checked and in the store, not yet a file or version of the client. */
export interface StagedUpload {
  clientId: string;
  name: string;
  fileId?: string;
  by: Uploader;
  storedId: string;
  size: number;
  contentType: string;
}

interface FileRow {
  id: string;
  client_id: string;
  name: string;
  current_version: number;
  shared: string[];
  /** For a contact: whether the file is shared with them (else they see their versions only). */
  shared_with_me?: boolean;
  created_at: string;
  updated_at: string;
}

interface VersionRow {
  file_id: string;
  version: number;
  size: string;
  content_type: string;
  created_at: string;
  staff_id: string | null;
  staff_name: string | null;
  contact_id: string | null;
  contact_name: string | null;
}

const FILE_SQL = `select f.id, f.client_id, f.name, f.current_version, f.created_at, f.updated_at,
  bool_or(s.contact_id = ?) as shared_with_me,
  coalesce(array_agg(s.contact_id::text) filter (where s.contact_id is not null), '{}'::text[]) as shared
  from client_file f left join client_file_share s on s.file_id = f.id`;

/**
 * A client's workspace of files: each file has versions (a new upload of the same file keeps
 * the history), its content in the content-addressed store, and the contacts it is shared with.
 */
@Injectable()
export class ClientFilesService {
  constructor(
    private readonly em: EntityManager,
    private readonly store: FileStore,
  ) {}

  /**
   * The client's files; for a contact, those shared with them (every version) and those they
   * uploaded a version of (only their versions).
   */
  async list(clientId: string, contactId?: string): Promise<ClientFileView[]> {
    const rows = await this.em.getConnection().execute<FileRow[]>(
      `${FILE_SQL} where f.client_id = ? ${contactId ? CONTACT_SEES : ''}
       group by f.id order by lower(f.name)`,
      contactId ? [contactId, clientId, contactId, contactId] : [null, clientId],
    );
    return this.views(rows, contactId);
  }

  /** One file as staff see it, or as `contactId` sees it in the portal. */
  async get(fileId: string, contactId?: string): Promise<ClientFileView> {
    const rows = await this.em
      .getConnection()
      .execute<FileRow[]>(`${FILE_SQL} where f.id = ? group by f.id`, [contactId ?? null, fileId]);
    if (!rows[0]) throw fileNotFound(fileId);
    const [view] = await this.views(rows, contactId);
    return view;
  }

  /** Whether a contact knows this file (shared with them, or they uploaded a version of it). */
  async contactSees(fileId: string, contactId: string): Promise<boolean> {
    const rows = await this.em
      .getConnection()
      .execute(`select 1 from client_file f where f.id = ? ${CONTACT_SEES}`, [
        fileId,
        contactId,
        contactId,
      ]);
    return rows.length > 0;
  }

  /**
   * Stores an upload as a new file of the client, or as the next version of `fileId`. The
   * type comes from the content (the name's extension proves nothing); refused uploads leave
   * nothing behind.
   */
  async add(
    clientId: string,
    upload: Express.Multer.File | undefined,
    by: Uploader,
    fileId?: string,
  ): Promise<ClientFileView> {
    const staged = await this.stage(clientId, upload, by, fileId);
    return this.get(
      await this.recording(staged, () =>
        sqlTransaction(this.em, (sql) => this.record(sql, staged)),
      ),
      'contactId' in by ? by.contactId : undefined,
    );
  }

  /** Runs what records a staged upload; if it fails, the staged content is released. */
  async recording<T>(staged: StagedUpload, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      // Best effort: the periodic sweep removes it if this does not.
      await this.store.release([staged.storedId]).catch(() => 0);
      throw e;
    }
  }

  /**
   * Checks an upload and moves its content into the store; `record` then makes it a file or
   * version, in the caller's transaction (so a caller can lock what the upload is for).
   */
  async stage(
    clientId: string,
    upload: Express.Multer.File | undefined,
    by: Uploader,
    fileId?: string,
  ): Promise<StagedUpload> {
    if (!upload) {
      throw ClientFilesErrors.FILE_REQUIRED('file: attach the file to upload');
    }
    const sniffed = await sniffUpload(upload.path);
    if ('refused' in sniffed) {
      throw ClientFilesErrors.FILE_TYPE_NOT_ALLOWED(`file: ${sniffed.refused}`);
    }
    if (fileId) {
      const existing = await this.get(fileId);
      if (existing.clientId !== clientId) throw fileNotFound(fileId);
    }
    const name = withExtension(sanitizeFileName(upload.originalname), sniffed.extensions);
    const stored = await this.store.adopt(
      { path: upload.path, originalName: name, contentType: sniffed.contentType },
      'staffId' in by ? by.staffId : undefined,
    );
    return {
      clientId,
      name,
      fileId,
      by,
      storedId: stored.id,
      size: stored.size,
      contentType: sniffed.contentType,
    };
  }

  /** Records a staged upload as a new file or the next version; returns the file's id. */
  async record(sql: SqlRunner, staged: StagedUpload): Promise<string> {
    const [file] = staged.fileId
      ? await sql<{ id: string; current_version: number }[]>(
          `update client_file set current_version = current_version + 1, updated_at = now()
           where id = ? returning id, current_version`,
          [staged.fileId],
        )
      : await sql<{ id: string; current_version: number }[]>(
          `insert into client_file (client_id, name) values (?, ?) returning id, current_version`,
          [staged.clientId, staged.name],
        );
    if (!file) throw fileNotFound(staged.fileId!);
    await sql(
      `insert into client_file_version (file_id, version, stored_file_id, content_type, size,
         uploaded_by_staff_id, uploaded_by_contact_id) values (?, ?, ?, ?, ?, ?, ?)`,
      [
        file.id,
        file.current_version,
        staged.storedId,
        staged.contentType,
        staged.size,
        'staffId' in staged.by ? staged.by.staffId : null,
        'contactId' in staged.by ? staged.by.contactId : null,
      ],
    );
    return file.id;
  }

  /**
   * Where a version's content is (the current one by default), and what to call it in the
   * download. For a contact, only versions they may see: all of a file shared with them, else
   * the ones they uploaded (the latest of those by default).
   */
  async content(
    fileId: string,
    version?: number,
    contactId?: string,
  ): Promise<{ open: () => Promise<Readable>; name: string; contentType: string; size: number }> {
    const [row] = await this.em.getConnection().execute<
      {
        name: string;
        content_type: string;
        size: string;
        sha256: string;
        encrypted: boolean;
        original_name: string;
      }[]
    >(
      `select f.name, v.content_type, v.size, sf.sha256, sf.encrypted, sf.original_name
       from client_file f
       join client_file_version v on v.file_id = f.id
       join stored_file sf on sf.id = v.stored_file_id
       where f.id = ? and v.version = coalesce(?, v.version)
         and (?::uuid is null or v.uploaded_by_contact_id = ? or exists (select 1
           from client_file_share s where s.file_id = f.id and s.contact_id = ?))
       order by v.version desc limit 1`,
      [fileId, version ?? null, contactId ?? null, contactId ?? null, contactId ?? null],
    );
    if (!row) throw fileNotFound(fileId);
    // A version of another type than the file's name says (a PNG after a PDF) keeps its own.
    const versionExt = extname(row.original_name).slice(1).toLowerCase();
    return {
      open: () => this.store.open(row),
      name: versionExt ? withExtension(row.name, [versionExt]) : row.name,
      contentType: row.content_type,
      size: Number(row.size),
    };
  }

  /** Shares the file with exactly these contacts, who must have access to its client. */
  async setShares(fileId: string, contactIds: string[]): Promise<ClientFileView> {
    const file = await this.get(fileId);
    const ids = [...new Set(contactIds)];
    const allowed = await this.em.getConnection().execute<{ contact_id: string }[]>(
      `select distinct contact_id from contact_client_access
       where client_id = ? and contact_id = any(?::uuid[])`,
      [file.clientId, pgArray(ids)],
    );
    const ok = new Set(allowed.map((r) => r.contact_id));
    const missing = ids.filter((id) => !ok.has(id));
    if (missing.length) {
      throw ClientFilesErrors.FILE_UNKNOWN_CONTACTS(
        `contactIds: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not a contact of this client`,
        { missing },
      );
    }
    await sqlTransaction(this.em, async (sql) => {
      await sql('delete from client_file_share where file_id = ?', [fileId]);
      await sql(
        `insert into client_file_share (file_id, contact_id) select ?, c from unnest(?::uuid[]) c`,
        [fileId, pgArray(ids)],
      );
    });
    return this.get(fileId);
  }

  /** Deletes the file with its versions; content no other file or import uses goes too. */
  async remove(fileId: string): Promise<ClientFileView> {
    const view = await this.get(fileId);
    const stored = await this.em.getConnection().execute<{ id: string }[]>(
      `with gone as (delete from client_file where id = ? returning id)
       select distinct v.stored_file_id as id from client_file_version v join gone g on g.id = v.file_id`,
      [fileId],
    );
    await this.store.release(stored.map((r) => r.id));
    return view;
  }

  /** The stored content of all of a client's files (to release once the client is deleted). */
  async storedFilesOfClient(clientId: string): Promise<string[]> {
    const rows = await this.em.getConnection().execute<{ id: string }[]>(
      `select distinct v.stored_file_id as id from client_file f
       join client_file_version v on v.file_id = f.id where f.client_id = ?`,
      [clientId],
    );
    return rows.map((r) => r.id);
  }

  private async views(rows: FileRow[], contactId?: string): Promise<ClientFileView[]> {
    if (!rows.length) return [];
    const conn = this.em.getConnection();
    const ids = pgArray(rows.map((r) => r.id));
    const [versions, answered] = await Promise.all([
      conn.execute<VersionRow[]>(
        `select v.file_id, v.version, v.size, v.content_type, v.created_at,
         s.id as staff_id, trim(s.first_name || ' ' || s.last_name) as staff_name,
         ct.id as contact_id, coalesce(nullif(trim(coalesce(ct.first_name,'') || ' ' || coalesce(ct.last_name,'')), ''), ct.email) as contact_name
       from client_file_version v
       left join staff_user s on s.id = v.uploaded_by_staff_id
       left join contact ct on ct.id = v.uploaded_by_contact_id
       where v.file_id = any(?::uuid[]) order by v.version desc`,
        [ids],
      ),
      conn.execute<AnsweredRow[]>(
        answeredRequestSql(Boolean(contactId)),
        contactId ? [ids, contactId] : [ids],
      ),
    ]);
    const requestOf = new Map(answered.map((a) => [a.file_id, a]));
    return rows.map((r) => {
      const request = requestOf.get(r.id);
      const all = !contactId || r.shared_with_me;
      const visible = versions
        .filter((v) => v.file_id === r.id && (all || v.contact_id === contactId))
        .map(toVersionView);
      const current = (all && visible.find((v) => v.version === r.current_version)) || visible[0];
      return {
        id: r.id,
        clientId: r.client_id,
        name: r.name,
        version: all ? r.current_version : (current?.version ?? 0),
        size: current?.size ?? 0,
        contentType: current?.contentType ?? 'application/octet-stream',
        // A contact learns only whether the file is shared with them, not with whom else.
        sharedWithContactIds: contactId ? r.shared.filter((id) => id === contactId) : r.shared,
        createdAt: isoDate(r.created_at),
        updatedAt: isoDate(r.updated_at),
        versions: visible,
        request: request
          ? { id: request.id, subject: request.subject, itemTitle: request.title }
          : null,
      };
    });
  }
}

interface AnsweredRow {
  file_id: string;
  id: string;
  subject: string;
  title: string;
}

/**
 * The request item each file was uploaded for (the newest request, should several hold it),
 * found through the item's file index; for a contact, only requests sent to them.
 */
export const answeredRequestSql = (forContact: boolean) =>
  `select distinct on (i.file_id) i.file_id, r.id, r.subject, i.title
   from file_request_item i join file_request r on r.id = i.request_id
   where i.file_id = any(?::uuid[])
   ${forContact ? 'and exists (select 1 from file_request_recipient rr where rr.request_id = r.id and rr.contact_id = ?)' : ''}
   order by i.file_id, r.created_at desc`;

/** Shared with the contact, or a version of it uploaded by them (binds the id twice). */
const CONTACT_SEES = `and (exists (select 1 from client_file_share s2 where s2.file_id = f.id and s2.contact_id = ?)
  or exists (select 1 from client_file_version v2 where v2.file_id = f.id and v2.uploaded_by_contact_id = ?))`;

const toVersionView = (v: VersionRow): FileVersionView => ({
  version: v.version,
  size: Number(v.size),
  contentType: v.content_type,
  uploadedAt: isoDate(v.created_at),
  uploadedBy: v.staff_id
    ? { type: 'staff', id: v.staff_id, name: v.staff_name ?? '' }
    : v.contact_id
      ? { type: 'contact', id: v.contact_id, name: v.contact_name ?? '' }
      : null,
});

export const fileNotFound = (id: string) =>
  ClientFilesErrors.FILE_NOT_FOUND(`No file with id ${id}`);
