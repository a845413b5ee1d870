import { MenuItem, Stack, TextField as MuiTextField, Typography } from '@mui/material';
import { useId, useState } from 'react';
import {
  Datagrid,
  type FieldProps,
  Link,
  TextField,
  useCreatePath,
  useListContext,
  useRecordContext,
} from 'react-admin';
import { FirmDateField } from '../../shared/firm-time';
import {
  EmbeddedList,
  EmbeddedListPagination,
  EmptyListText,
} from '../../components/embedded-list';
import type { CampaignRecipientView, CampaignView } from '../../types';
import { RecipientStatusField } from './campaign-chips';
import { recipientStatusChoices } from './campaign-choices';
import { useFirmSettings } from './use-email-delivery';

const ClientLinkField = (props: Partial<FieldProps<CampaignRecipientView>>) => {
  const recipient = useRecordContext<CampaignRecipientView>(props);
  const createPath = useCreatePath();
  if (!recipient?.clientId) return <>{recipient?.clientName ?? '—'}</>;
  return (
    <Link to={createPath({ resource: 'clients', id: recipient.clientId, type: 'show' })}>
      {recipient.clientName}
    </Link>
  );
};

const StatusFilter = () => {
  const { filterValues, setFilters } = useListContext<CampaignRecipientView>();
  const { keptLocally } = useFirmSettings();
  // Its own state: react-admin applies the filter a tick later, the select must change at once.
  const [status, setStatus] = useState<string>(filterValues.status ?? '');
  return (
    <MuiTextField
      select
      size="small"
      label="Status"
      value={status}
      onChange={(event) => {
        setStatus(event.target.value);
        setFilters(event.target.value ? { status: event.target.value } : {});
      }}
      fullWidth={false}
      sx={{ width: 240, flexShrink: 0 }}
    >
      <MenuItem value="">All</MenuItem>
      {recipientStatusChoices(keptLocally).map(({ id, name }) => (
        <MenuItem key={id} value={id}>
          {name}
        </MenuItem>
      ))}
    </MuiTextField>
  );
};

const NoRecipients = ({ campaign }: { campaign: CampaignView }) => {
  const { filterValues } = useListContext<CampaignRecipientView>();
  return (
    <EmptyListText>
      {filterValues.status
        ? 'No recipient with this status.'
        : campaign.status === 'sending'
          ? 'No recipients yet: the segment is being matched.'
          : 'No recipients.'}
    </EmptyListText>
  );
};

/** One row per contact the campaign reached (or skipped), 25 a page, filtered by status. */
export const CampaignRecipients = ({ campaign }: { campaign: CampaignView }) => {
  const titleId = useId();
  return (
    // Statuses move while the campaign sends and as webhooks arrive: reload when the counts do.
    <EmbeddedList
      resource="campaign-recipients"
      meta={{ campaignId: campaign.id }}
      sort={{ field: 'email', order: 'ASC' }}
      version={`${campaign.status}:${JSON.stringify(campaign.stats)}`}
    >
      <section aria-labelledby={titleId}>
        <Stack
          direction="row"
          sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1, gap: 2 }}
        >
          <Typography variant="h6" component="h3" id={titleId}>
            Recipients
          </Typography>
          <StatusFilter />
        </Stack>
        {/* The API sorts by email, name, client, status and sent time. */}
        <Datagrid
          bulkActionButtons={false}
          rowClick={false}
          empty={<NoRecipients campaign={campaign} />}
        >
          <TextField source="name" label="Name" />
          <TextField source="email" label="Email" emptyText="—" />
          <ClientLinkField source="clientName" label="Client" />
          <RecipientStatusField source="status" label="Status" />
          <FirmDateField source="sentAt" label="Sent at" emptyText="—" />
          <FirmDateField
            source="unsubscribedAt"
            label="Unsubscribed at"
            emptyText="—"
            sortable={false}
          />
        </Datagrid>
        <EmbeddedListPagination />
      </section>
    </EmbeddedList>
  );
};
