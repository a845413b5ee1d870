import type { MouseEvent } from 'react';
import { type FieldProps, Link, useCreatePath, useRecordContext } from 'react-admin';
import type { FileRequestSummaryView } from '../../types';
import { itemsProgressText } from './file-request-choices';

type RequestFieldProps = Partial<FieldProps<FileRequestSummaryView>>;

/** The client's name as a link to its page. */
export const RequestClientField = (props: RequestFieldProps) => {
  const request = useRecordContext<FileRequestSummaryView>(props);
  const createPath = useCreatePath();
  if (!request) return null;
  return (
    <Link
      to={createPath({ resource: 'clients', id: request.clientId, type: 'show' })}
      // Inside a clickable row: one navigation, not two.
      onClick={(event: MouseEvent) => event.stopPropagation()}
    >
      {request.clientName}
    </Link>
  );
};

/** "Jane Doe, John Roe". */
export const RecipientsField = (props: RequestFieldProps) => {
  const request = useRecordContext<FileRequestSummaryView>(props);
  if (!request) return null;
  return <span>{request.recipients.map((recipient) => recipient.name).join(', ')}</span>;
};

/** "2/3 uploaded". */
export const ItemsProgressField = (props: RequestFieldProps) => {
  const request = useRecordContext<FileRequestSummaryView>(props);
  if (!request) return null;
  return <span>{itemsProgressText(request)}</span>;
};
