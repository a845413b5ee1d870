import type { Identifier } from 'react-admin';
import { httpClient } from '../../providers/http-client';
import type { FileRequestView } from '../../types';

/** An item decision, withdrawal or reminder; each answers with the request as it now is. */
const post = async (path: string, body: object = {}) => {
  const { json } = await httpClient(`/api/file-requests/${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
  });
  return json as FileRequestView;
};

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
