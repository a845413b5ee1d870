import type { DataProvider, GetListParams, Identifier, RaRecord } from 'react-admin';
import simpleRestProvider from 'ra-data-simple-rest';
import type {
  AccessGrant,
  AccessGrantRequest,
  ImportFileFormat,
  ImportJob,
  ImportMode,
  ImportRow,
  Invitation,
  InvitationAction,
  InviteRequest,
  InviteResult,
  TimelineEvent,
} from '../types';
import { apiError, httpClient } from './http-client';

const apiUrl = '/api';

/** The API follows the ra-data-simple-rest contract, so the stock provider is used as is. */
const restProvider = simpleRestProvider(apiUrl, httpClient);

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
  if (resource !== 'import-rows') return restProvider.getList(resource, params);
  if (params.meta?.importId === undefined) {
    return Promise.reject(new Error('import-rows needs meta.importId'));
  }
  return getImportRows(params.meta.importId, params);
};

/**
 * Multipart upload of an import file. XMLHttpRequest rather than fetch, because only it reports
 * upload progress (a 50 MB file takes a while on a slow office line).
 */
const uploadImport = (
  file: File,
  mode: ImportMode,
  dryRun: boolean,
  onProgress?: (fraction: number) => void,
) =>
  new Promise<ImportJob>((resolve, reject) => {
    const body = new FormData();
    // Fields before the file: the API reads the multipart stream in order.
    body.append('mode', mode);
    body.append('dryRun', String(dryRun));
    body.append('file', file);
    const request = new XMLHttpRequest();
    request.open('POST', `${apiUrl}/imports`);
    request.withCredentials = true;
    request.responseType = 'json';
    request.setRequestHeader('Accept', 'application/json');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status < 300) resolve(request.response as ImportJob);
      else {
        const fallback = `The upload failed (${request.statusText || `HTTP ${request.status}`})`;
        reject(apiError(request.status, request.response, fallback));
      }
    };
    request.onerror = () => reject(new Error('The upload failed: the server could not be reached'));
    request.send(body);
  });

export const dataProvider = {
  ...restProvider,
  getList,
  /** Adds and removes tags on many clients in one request instead of one PUT per client. */
  bulkUpdateTags: async (ids: Identifier[], add: Identifier[], remove: Identifier[]) => {
    const { json } = await httpClient(`${apiUrl}/clients/bulk/tags`, {
      method: 'POST',
      body: JSON.stringify({ ids, add, remove }),
    });
    return json as { updated: number };
  },
  uploadImport,
  getImportRows,
  /** Both answer 202 with the job, whose status then moves on to cancelled / undone. */
  importAction: async (importId: Identifier, action: 'cancel' | 'undo') => {
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
  /** Everything that happened to a contact's invitations, newest first. */
  getContactTimeline: async (contactId: Identifier) => {
    const { json } = await httpClient(
      `${apiUrl}/contacts/${encodeURIComponent(contactId)}/timeline`,
    );
    return json as TimelineEvent[];
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
  exceptionReport: (importId: Identifier, format: ImportFileFormat) =>
    `${apiUrl}/imports/${encodeURIComponent(importId)}/exceptions.${format}`,
};

/** The audit trail a list filter matches, as CSV (the API stops at 100,000 rows). */
export const auditExportUrl = (filter: Record<string, unknown>) =>
  `${apiUrl}/audit-events/export.csv?filter=${encodeURIComponent(JSON.stringify(filter))}`;
