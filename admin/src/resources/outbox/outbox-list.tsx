import { type Theme, useMediaQuery } from '@mui/material';
import {
  Datagrid,
  List,
  SearchInput,
  SelectField,
  SelectInput,
  SimpleList,
  TextField,
} from 'react-admin';
import { ListPagination } from '../../shared/list-pagination';
import { FirmDateField } from '../../shared/firm-time';
import type { OutboxMessage } from '../../types';
import { outboxKindChoices, outboxStatusChoices, outboxStatuses } from './outbox-choices';
import { OutboxNotice } from './outbox-notice';
import { OutboxStatusField } from './outbox-status-field';
import { useFirmTime } from '../../shared/firm-time';

const outboxFilters = [
  <SearchInput
    key="q"
    source="q"
    placeholder="Search recipient, subject"
    alwaysOn
    sx={{ width: 280 }}
  />,
  <SelectInput
    key="status"
    source="status"
    label="Status"
    choices={outboxStatusChoices}
    alwaysOn
  />,
];

export const OutboxList = () => {
  const firmTime = useFirmTime();
  const isSmall = useMediaQuery<Theme>((theme) => theme.breakpoints.down('md'));
  return (
    <List<OutboxMessage>
      perPage={25}
      exporter={false}
      sort={{ field: 'createdAt', order: 'DESC' }}
      filters={outboxFilters}
      pagination={<ListPagination rowsPerPageOptions={[25, 50, 100]} />}
    >
      <OutboxNotice />
      {isSmall ? (
        <SimpleList<OutboxMessage>
          primaryText={(message) => message.subject}
          secondaryText={(message) =>
            `${message.toEmail} · ${outboxStatuses[message.status]?.name ?? message.status}`
          }
          tertiaryText={(message) => firmTime(message.createdAt)}
          linkType="show"
        />
      ) : (
        // The API sorts the outbox by creation time, recipient and status only.
        <Datagrid rowClick="show" bulkActionButtons={false}>
          <FirmDateField source="createdAt" label="Created" />
          <TextField source="toEmail" label="To" />
          <TextField source="subject" label="Subject" sortable={false} />
          <SelectField source="kind" label="Kind" choices={outboxKindChoices} sortable={false} />
          <OutboxStatusField source="status" label="Status" />
        </Datagrid>
      )}
    </List>
  );
};
