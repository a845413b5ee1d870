import type { FileRequestItemStatus, FileRequestStatus, PortalFileRequest } from './portal-types';

/** Each item's state as the contact reads it, on its badge. */
export const ITEM_STATUS_LABELS: Record<FileRequestItemStatus, string> = {
  requested: 'To upload',
  uploaded: 'Uploaded – awaiting review',
  accepted: 'Accepted',
  rejected: 'Rejected',
  not_applicable: 'Not applicable',
};

/** A whole request's state, from the contact's side. */
export const REQUEST_STATUS_LABELS: Record<FileRequestStatus, string> = {
  open: 'Waiting for your files',
  uploaded: 'Awaiting review',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/** Completed and cancelled requests take nothing more from the contact. */
export const isClosed = (request: Pick<PortalFileRequest, 'status'>) =>
  request.status === 'completed' || request.status === 'cancelled';

/** Overdue matters only while something is still outstanding. */
export const isOverdue = (request: Pick<PortalFileRequest, 'status' | 'overdue'>) =>
  request.overdue && !isClosed(request);

/** Items the contact has dealt with (uploaded, accepted, or said not to apply), of all items. */
export function progressOf(request: Pick<PortalFileRequest, 'itemCounts'>): {
  done: number;
  total: number;
} {
  const counts = request.itemCounts;
  const count = (status: FileRequestItemStatus) => counts[status] ?? 0;
  const done = count('uploaded') + count('accepted') + count('not_applicable');
  return { done, total: done + count('requested') + count('rejected') };
}

/** "1 of 3 done". */
export function progressText(request: Pick<PortalFileRequest, 'itemCounts'>): string {
  const { done, total } = progressOf(request);
  return `${done} of ${total} done`;
}
