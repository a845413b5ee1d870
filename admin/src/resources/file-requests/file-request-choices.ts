import type { ChipProps } from '@mui/material';
import type { FileRequestItemStatus, FileRequestStatus, FileRequestSummaryView } from '../../types';

// Human labels (and chip colours) for the API's file request enums.
interface Label {
  name: string;
  color: ChipProps['color'];
}

export const requestStatuses: Record<FileRequestStatus, Label> = {
  open: { name: 'Open', color: 'info' },
  uploaded: { name: 'Uploaded', color: 'warning' },
  completed: { name: 'Completed', color: 'success' },
  cancelled: { name: 'Cancelled', color: 'default' },
};

export const requestStatusChoices = Object.entries(requestStatuses).map(([id, { name }]) => ({
  id,
  name,
}));

export const itemStatuses: Record<FileRequestItemStatus, Label> = {
  requested: { name: 'Requested', color: 'default' },
  uploaded: { name: 'Uploaded', color: 'warning' },
  accepted: { name: 'Accepted', color: 'success' },
  rejected: { name: 'Rejected', color: 'error' },
  not_applicable: { name: 'Not applicable', color: 'secondary' },
};

/** Completed and cancelled requests take no more uploads, reviews or reminders. */
export const isRequestClosed = (status: FileRequestStatus) =>
  status === 'completed' || status === 'cancelled';

/** Staff review what a recipient handed in: an upload, or a "does not apply". */
export const isItemReviewable = (status: FileRequestItemStatus) =>
  status === 'uploaded' || status === 'not_applicable';

/** "2/3 uploaded": items a recipient answered (uploaded, accepted, not applicable) of all. */
export const itemsProgressText = ({ itemCounts }: Pick<FileRequestSummaryView, 'itemCounts'>) => {
  const count = (status: FileRequestItemStatus) => itemCounts[status] ?? 0;
  const total = Object.values(itemCounts).reduce((sum, n) => sum + (n ?? 0), 0);
  const answered = count('uploaded') + count('accepted') + count('not_applicable');
  const rejected = count('rejected');
  return `${answered}/${total} uploaded${rejected > 0 ? ` · ${rejected} rejected` : ''}`;
};
