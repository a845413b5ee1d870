import type { ReactElement } from 'react';
import { Datagrid, TextField } from 'react-admin';
import { FirmDateField } from '../../shared/firm-time';
import { DueDateField } from './due-date';
import { OverdueField, RequestStatusField } from './file-request-chips';
import { ItemsProgressField, RecipientsField, RequestClientField } from './file-request-fields';

interface FileRequestDatagridProps {
  /** Left out on a client's page, where every request is that client's. */
  showClient?: boolean;
  empty?: ReactElement;
}

/** One row a request; a click opens it. Shared by the list and a client's page. */
export const FileRequestDatagrid = ({ showClient = true, empty }: FileRequestDatagridProps) => (
  // The API sorts by status, subject, due date, last activity and creation only.
  <Datagrid rowClick="show" bulkActionButtons={false} empty={empty}>
    <RequestStatusField source="status" label="Status" />
    <OverdueField label="Overdue" sortable={false} />
    <TextField source="subject" label="Subject" />
    {showClient && <RequestClientField label="Client" sortable={false} />}
    <RecipientsField label="Recipients" sortable={false} />
    <DueDateField source="dueAt" label="Due" />
    <ItemsProgressField label="Items" sortable={false} />
    <FirmDateField source="lastActivityAt" label="Last activity" />
  </Datagrid>
);
