import type { DataProvider, GetListParams, Identifier, RaRecord } from 'react-admin';
import simpleRestProvider from 'ra-data-simple-rest';
import type {
  AccessGrant,
  AccessGrantRequest,
  ClientFile,
  ClientTagsChange,
  Dashboard,
  ImportFileFormat,
  ImportJob,
  ImportMode,
  ImportRow,
  Invitation,
  InvitationAction,
  InvitationBatch,
  InviteRequest,
  InviteResult,
  MfaReset,
  SegmentFilter,
  SegmentPreview,
  TimelineEvent,
} from '../types';
import { xhrUpload } from '../shared/xhr-upload';
import { campaignCalls } from './campaign-calls';
import { fileRequestCalls } from './file-request-calls';
import { apiError, httpClient, postJson } from './http-client';
import { playbookCalls } from './playbook-calls';
import { sessionCalls } from './session-calls';

const apiUrl = '/api';

/** Lists whose total the API estimated (`X-Total-Estimated`), keyed by the parsed body. */
const estimatedLists = new WeakSet<object>();
const listAwareHttpClient: typeof httpClient = async (url, options) => {
  const res = await httpClient(url, options);
  if (res.headers.get('x-total-estimated') === 'true' && res.json) estimatedLists.add(res.json);
  return res;
};

/**
 * The API follows the ra-data-simple-rest contract, so the stock provider is used; an estimated
 * total comes back as `meta.estimatedTotal` (the pagination says "about N").
 */
const restProvider = simpleRestProvider(apiUrl, listAwareHttpClient);

/** Per-row outcomes of one import: a nested list with the usual sort/range/filter contract. */
const getImportRows = <RecordType extends RaRecord = ImportRow>(
  importId: Identifier,
  params: GetListParams,
) => restProvider.getList<RecordType>(`imports/${encodeURIComponent(importId)}/rows`, params);

/**
 * `import-rows` is listed like any resource (`<ListBase resource="import-rows">`, so react-admin
 * paginates, sorts and filters it), with the import named in `meta.importId`.
 */
const getList: DataProvider['getList'] = (resource, params) => {
  // A campaign's recipients, likewise: `<ListBase resource="campaign-recipients">`, `meta.campaignId`.
  if (resource === 'campaign-recipients') {
    if (params.meta?.campaignId === undefined) {
      return Promise.reject(new Error('campaign-recipients needs meta.campaignId'));
    }
    return restProvider.getList(
      `campaigns/${encodeURIComponent(params.meta.campaignId)}/recipients`,
      params,
    );
  }
  if (resource !== 'import-rows') {
    return restProvider
      .getList(resource, params)
      .then((r) =>
        estimatedLists.has(r.data) ? { ...r, meta: { ...r.meta, estimatedTotal: true } } : r,
      );
  }
  if (params.meta?.importId === undefined) {
    return Promise.reject(new Error('import-rows needs meta.importId'));
  }
  return getImportRows(params.meta.importId, params);
};

/** A multipart upload with progress; a refusal rejects with the API's own message. */
const upload = async <T>(
  url: string,
  file: File,
  fields: Record<string, string | undefined>,
  onProgress?: (fraction: number) => void,
) => {
  const { status, statusText, body } = await xhrUpload(url, file, fields, onProgress);
  if (status >= 300) {
    throw apiError(status, body, `The upload failed (${statusText || `HTTP ${status}`})`);
  }
  return body as T;
};

export type ImportAction = 'cancel' | 'undo' | 'import-for-real';

/** Multipart upload of an import file (a 50 MB file takes a while, hence the progress). */
const uploadImport = (
  file: File,
  mode: ImportMode,
  dryRun: boolean,
  onProgress?: (fraction: number) => void,
) => upload<ImportJob>(`${apiUrl}/imports`, file, { mode, dryRun: String(dryRun) }, onProgress);

const fileUrl = (fileId: Identifier) => `${apiUrl}/files/${encodeURIComponent(fileId)}`;

/**
 * The REST contract, plus every other call the console makes as a method (as react-admin's CRM
 * demo does), so components reach them all through `useDataProvider`.
 */
export const dataProvider = {
  ...restProvider,
  getList,
  ...campaignCalls,
  ...fileRequestCalls,
  ...playbookCalls,
  ...sessionCalls,
  /** The dashboard's counts. */
  getDashboard: async () => (await httpClient(`${apiUrl}/dashboard`)).json as Dashboard,
  /** Who an unsaved segment filter reaches now; nothing is saved. */
  previewSegment: (filter: SegmentFilter, signal?: AbortSignal) =>
    postJson<SegmentPreview>(`${apiUrl}/segments/preview`, { filter }, signal),
  /** Adds and removes tags on many clients in one request instead of one PUT per client. */
  bulkUpdateTags: async (ids: Identifier[], add: Identifier[], remove: Identifier[]) => {
    const { json } = await httpClient(`${apiUrl}/clients/bulk/tags`, {
      method: 'POST',
      body: JSON.stringify({ ids, add, remove }),
    });
    return json as ClientTagsChange;
  },
  uploadImport,
  getImportRows,
  /**
   * Cancel and undo answer 202 with the job, whose status then moves on to cancelled / undone;
   * import-for-real (a completed dry run) with the new import it started.
   */
  importAction: async (importId: Identifier, action: ImportAction) => {
    const { json } = await httpClient(
      `${apiUrl}/imports/${encodeURIComponent(importId)}/${action}`,
      { method: 'POST' },
    );
    return json as ImportJob;
  },
  /** Invites contacts (or clients' primary contacts, or everyone a list filter matches). */
  invite: async (body: InviteRequest) => {
    const { json } = await httpClient(`${apiUrl}/invitations`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    return json as InviteResult;
  },
  /** The bell, a fresh link, or withdrawal; each answers with the invitation as it now is. */
  invitationAction: async (invitationId: Identifier, action: InvitationAction) => {
    const { json } = await httpClient(
      `${apiUrl}/invitations/${encodeURIComponent(invitationId)}/${action}`,
      { method: 'POST' },
    );
    return json as Invitation;
  },
  /** Takes away a staff member's or a contact's authenticator (a lost phone); their sessions end. */
  resetMfa: (resource: 'staff' | 'contacts', id: Identifier) =>
    postJson<MfaReset>(`${apiUrl}/${resource}/${encodeURIComponent(id)}/mfa/reset`),
  /** A bulk invite's progress, live from its workflow (null when Temporal does not answer). */
  getInvitationBatch: async (batchId: string) => {
    const { json } = await httpClient(
      `${apiUrl}/invitations/batches/${encodeURIComponent(batchId)}`,
    );
    return json as InvitationBatch;
  },
  /** Stops a bulk invite: contacts not emailed yet are not invited after all. */
  cancelInvitationBatch: async (batchId: string) => {
    const { json } = await httpClient(
      `${apiUrl}/invitations/batches/${encodeURIComponent(batchId)}/cancel`,
      { method: 'POST' },
    );
    return json as InvitationBatch;
  },
  /** Everything that happened to a contact's invitations, newest first. */
  getContactTimeline: async (contactId: Identifier) => {
    const { json } = await httpClient(
      `${apiUrl}/contacts/${encodeURIComponent(contactId)}/timeline`,
    );
    return json as TimelineEvent[];
  },
  /** A client's files, each with its versions (newest first). */
  getClientFiles: async (clientId: Identifier) => {
    const { json } = await httpClient(`${apiUrl}/clients/${encodeURIComponent(clientId)}/files`);
    return json as ClientFile[];
  },
  /** Adds a file to the client, or (with `fileId`) a new version of one of its files. */
  uploadClientFile: (
    clientId: Identifier,
    file: File,
    fileId?: Identifier,
    onProgress?: (fraction: number) => void,
  ) =>
    upload<ClientFile>(
      `${apiUrl}/clients/${encodeURIComponent(clientId)}/files`,
      file,
      { fileId: fileId === undefined ? undefined : String(fileId) },
      onProgress,
    ),
  /** Which of the client's contacts see the file in their portal (replaces the whole list). */
  setFileShares: async (fileId: Identifier, contactIds: Identifier[]) => {
    const { json } = await httpClient(`${fileUrl(fileId)}/shares`, {
      method: 'PUT',
      body: JSON.stringify({ contactIds }),
    });
    return json as ClientFile;
  },
  /** Deletes the file with all its versions; answers with it as it was. */
  deleteClientFile: async (fileId: Identifier) => {
    const { json } = await httpClient(fileUrl(fileId), { method: 'DELETE' });
    return json as ClientFile;
  },
  /** Who has access to a client: direct grants and those through groups. */
  getClientAccess: async (clientId: Identifier) => {
    const { json } = await httpClient(`${apiUrl}/clients/${encodeURIComponent(clientId)}/access`);
    return json as AccessGrant[];
  },
  /** Gives a role on the client (or changes it); answers with the client's grants as they now are. */
  grantClientAccess: async (clientId: Identifier, body: AccessGrantRequest) => {
    const { json } = await httpClient(`${apiUrl}/clients/${encodeURIComponent(clientId)}/access`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    return json as AccessGrant[];
  },
  /** Withdraws a direct grant (`<principalType>:<principalId>`); answers with the grants left. */
  revokeClientAccess: async (clientId: Identifier, grantId: string) => {
    const { json } = await httpClient(
      `${apiUrl}/clients/${encodeURIComponent(clientId)}/access/${encodeURIComponent(grantId)}`,
      { method: 'DELETE' },
    );
    return json as AccessGrant[];
  },
};

export type ClientHubDataProvider = typeof dataProvider;

/** Files the browser downloads itself: a plain link carries the session cookie. */
export const importDownloads = {
  template: (format: ImportFileFormat) => `${apiUrl}/imports/template.${format}`,
  /** The failed rows only (`exceptions`) or every row with its outcome (`full`). */
  report: (importId: Identifier, kind: 'exceptions' | 'full', format: ImportFileFormat) =>
    `${apiUrl}/imports/${encodeURIComponent(importId)}/${kind === 'full' ? 'report' : 'exceptions'}.${format}`,
};

/** A client file to download: the latest version, or the one asked for. */
export const fileDownloadUrl = (fileId: Identifier, version?: number) =>
  `${fileUrl(fileId)}/download${version === undefined ? '' : `?version=${version}`}`;

/** The audit trail a list filter matches, as CSV (the API stops at 100,000 rows). */
export const auditExportUrl = (filter: Record<string, unknown>) =>
  `${apiUrl}/audit-events/export.csv?filter=${encodeURIComponent(JSON.stringify(filter))}`;
