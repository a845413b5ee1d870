import { Chip } from '@mui/material';
import { type FieldProps, useRecordContext } from 'react-admin';
import type { FileRequestItemStatus, FileRequestSummaryView } from '../../types';
import { itemStatuses, requestStatuses } from './file-request-choices';

/** The request's status as a chip. */
export const RequestStatusField = (props: Partial<FieldProps<FileRequestSummaryView>>) => {
  const request = useRecordContext<FileRequestSummaryView>(props);
  const status = request && requestStatuses[request.status];
  if (!status) return null;
  return <Chip size="small" color={status.color} label={status.name} />;
};

/** A red "Overdue" chip once the due date passed with items outstanding; nothing otherwise. */
export const OverdueField = (props: Partial<FieldProps<FileRequestSummaryView>>) => {
  const request = useRecordContext<FileRequestSummaryView>(props);
  if (!request?.overdue) return null;
  return <Chip size="small" color="error" label="Overdue" />;
};

export const ItemStatusChip = ({ status }: { status: FileRequestItemStatus }) => {
  const label = itemStatuses[status];
  return (
    <Chip
      size="small"
      color={label?.color ?? 'default'}
      variant="outlined"
      label={label?.name ?? status}
    />
  );
};
