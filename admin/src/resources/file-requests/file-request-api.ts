import type { Identifier } from 'react-admin';
import { postJson } from '../../providers/http-client';
import type { FileRequestView } from '../../types';

/** An item decision, withdrawal or reminder; each answers with the request as it now is. */
const post = (path: string, body: object = {}) =>
  postJson<FileRequestView>(`/api/file-requests/${path}`, body);

const requestPath = (requestId: Identifier) => encodeURIComponent(requestId);
const itemPath = (requestId: Identifier, itemId: Identifier) =>
  `${requestPath(requestId)}/items/${encodeURIComponent(itemId)}`;

export const fileRequestApi = {
  acceptItem: (requestId: Identifier, itemId: Identifier) =>
    post(`${itemPath(requestId, itemId)}/accept`),
  rejectItem: (requestId: Identifier, itemId: Identifier, reason: string) =>
    post(`${itemPath(requestId, itemId)}/reject`, { reason }),
  cancel: (requestId: Identifier) => post(`${requestPath(requestId)}/cancel`),
  remind: (requestId: Identifier) => post(`${requestPath(requestId)}/remind`),
};
