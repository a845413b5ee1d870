import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isoDate } from '../../common/http/iso-date';
import { sqlRunner, sqlTransaction, type SqlRunner } from '../../database/sql-runner';
import { FileStore } from '../files/file-store.service';
import { ClientFilesErrors } from './client-files.errors';
import {
  contactSeesFile,
  deleteClientFile,
  findAnsweredRequests,
  findClientContacts,
  findClientFile,
  findClientFiles,
  findStoredFilesOfClient,
  findVersionContent,
  findVersions,
  insertVersion,
  replaceShares,
  type FileRow,
  type VersionRow,
} from './client-files.repository';
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
    const rows = await findClientFiles(sqlRunner(this.em), clientId, contactId);
    return this.views(rows, contactId);
  }

  /** One file as staff see it, or as `contactId` sees it in the portal. */
  async get(fileId: string, contactId?: string): Promise<ClientFileView> {
    const row = await findClientFile(sqlRunner(this.em), fileId, contactId);
    if (!row) throw fileNotFound(fileId);
    const [view] = await this.views([row], contactId);
    return view;
  }

  /** Whether a contact knows this file (shared with them, or they uploaded a version of it). */
  async contactSees(fileId: string, contactId: string): Promise<boolean> {
    return contactSeesFile(sqlRunner(this.em), fileId, contactId);
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
    const fileId = await insertVersion(sql, {
      clientId: staged.clientId,
      name: staged.name,
      fileId: staged.fileId,
      storedId: staged.storedId,
      contentType: staged.contentType,
      size: staged.size,
      staffId: 'staffId' in staged.by ? staged.by.staffId : null,
      contactId: 'contactId' in staged.by ? staged.by.contactId : null,
    });
    if (!fileId) throw fileNotFound(staged.fileId!);
    return fileId;
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
    const row = await findVersionContent(
      sqlRunner(this.em),
      fileId,
      version ?? null,
      contactId ?? null,
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
    const ok = new Set(await findClientContacts(sqlRunner(this.em), file.clientId, ids));
    const missing = ids.filter((id) => !ok.has(id));
    if (missing.length) {
      throw ClientFilesErrors.FILE_UNKNOWN_CONTACTS(
        `contactIds: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not a contact of this client`,
        { missing },
      );
    }
    await sqlTransaction(this.em, (sql) => replaceShares(sql, fileId, ids));
    return this.get(fileId);
  }

  /** Deletes the file with its versions; content no other file or import uses goes too. */
  async remove(fileId: string): Promise<ClientFileView> {
    const view = await this.get(fileId);
    await this.store.release(await deleteClientFile(sqlRunner(this.em), fileId));
    return view;
  }

  /** The stored content of all of a client's files (to release once the client is deleted). */
  async storedFilesOfClient(clientId: string): Promise<string[]> {
    return findStoredFilesOfClient(sqlRunner(this.em), clientId);
  }

  private async views(rows: FileRow[], contactId?: string): Promise<ClientFileView[]> {
    if (!rows.length) return [];
    const sql = sqlRunner(this.em);
    const ids = rows.map((r) => r.id);
    const [versions, answered] = await Promise.all([
      findVersions(sql, ids),
      findAnsweredRequests(sql, ids, contactId),
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
