import { MenuItem, Stack, TextField as MuiTextField, Typography } from '@mui/material';
import { useEffect, useId, useRef, useState } from 'react';
import {
  Datagrid,
  DateField,
  type FieldProps,
  Link,
  ListBase,
  Pagination,
  TextField,
  useCreatePath,
  useListContext,
  useRecordContext,
} from 'react-admin';
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

/** Statuses move while the campaign sends and as webhooks arrive: reload when the counts do. */
const RefetchOnProgress = ({ campaign }: { campaign: CampaignView }) => {
  const { refetch } = useListContext<CampaignRecipientView>();
  const version = `${campaign.status}:${JSON.stringify(campaign.stats)}`;
  const seen = useRef(version);
  useEffect(() => {
    if (seen.current === version) return;
    seen.current = version;
    refetch();
  }, [version, refetch]);
  return null;
};

const NoRecipients = ({ campaign }: { campaign: CampaignView }) => {
  const { filterValues } = useListContext<CampaignRecipientView>();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ py: 3, textAlign: 'center' }}>
      {filterValues.status
        ? 'No recipient with this status.'
        : campaign.status === 'sending'
          ? 'No recipients yet: the segment is being matched.'
          : 'No recipients.'}
    </Typography>
  );
};

/** One row per contact the campaign reached (or skipped), 25 a page, filtered by status. */
export const CampaignRecipients = ({ campaign }: { campaign: CampaignView }) => {
  const titleId = useId();
  return (
    <ListBase<CampaignRecipientView>
      resource="campaign-recipients"
      queryOptions={{ meta: { campaignId: campaign.id } }}
      sort={{ field: 'email', order: 'ASC' }}
      perPage={25}
      disableSyncWithLocation
      storeKey={false}
    >
      <RefetchOnProgress campaign={campaign} />
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
          <DateField source="sentAt" label="Sent at" showTime emptyText="—" />
          <DateField
            source="unsubscribedAt"
            label="Unsubscribed at"
            showTime
            emptyText="—"
            sortable={false}
          />
        </Datagrid>
        <Pagination rowsPerPageOptions={[25, 50, 100]} />
      </section>
    </ListBase>
  );
};
