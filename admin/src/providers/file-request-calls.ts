import type { Identifier } from 'react-admin';
import type { FileRequestView, RecipientOption } from '../types';
import { httpClient, postJson } from './http-client';

/** An item decision, withdrawal or reminder; each answers with the request as it now is. */
const post = (path: string, body: object = {}) =>
  postJson<FileRequestView>(`/api/file-requests/${path}`, body);

const requestPath = (requestId: Identifier) => encodeURIComponent(requestId);
const itemPath = (requestId: Identifier, itemId: Identifier) =>
  `${requestPath(requestId)}/items/${encodeURIComponent(itemId)}`;

/** The data provider's calls on file requests beyond the REST contract. */
export const fileRequestCalls = {
  acceptRequestItem: (requestId: Identifier, itemId: Identifier) =>
    post(`${itemPath(requestId, itemId)}/accept`),
  rejectRequestItem: (requestId: Identifier, itemId: Identifier, reason: string) =>
    post(`${itemPath(requestId, itemId)}/reject`, { reason }),
  cancelFileRequest: (requestId: Identifier) => post(`${requestPath(requestId)}/cancel`),
  remindFileRequest: (requestId: Identifier) => post(`${requestPath(requestId)}/remind`),
  /** Whom a request to the client can be sent to, with their portal status. */
  getRequestRecipients: async (clientId: Identifier) => {
    const { json } = await httpClient(
      `/api/file-requests/recipients?clientId=${encodeURIComponent(clientId)}`,
    );
    return json as RecipientOption[];
  },
};
