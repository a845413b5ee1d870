import { Box, Stack, Typography } from '@mui/material';
import { Labeled, SelectField, Show, useCanAccess, useRecordContext } from 'react-admin';
import { ShowCard, ShowHeaderRow } from '../../components/show-layout';
import type { Client } from '../../types';
import { ClientActivity } from '../audit-events/client-activity';
import { ClientFiles } from '../client-files/client-files';
import { ClientFileRequests } from '../file-requests/client-file-requests';
import { ClientPlaybookRuns } from '../playbooks/client-playbook-runs';
import { clientTypeChoices, portalStatusChoices } from './client-choices';
import { ClientContacts } from './client-contacts';
import { DetailSection, SectionDetail as Detail } from '../../components/detail-section';
import { ClientShowActions } from './client-show-actions';
import { ClientTagsEditor } from './client-tags-editor';
import { ConnectionStatusField } from './connection-status-field';
import { PortalStatusField } from './portal-status-field';
import { RecordDatesSection } from '../../components/record-dates-section';

const ClientHeader = () => {
  const client = useRecordContext<Client>();
  if (!client) return null;
  const personName = [client.firstName, client.lastName].filter(Boolean).join(' ');
  return (
    <ShowHeaderRow from="sm" align="center">
      <Box>
        <Typography variant="h5" component="h2">
          {client.displayName}
        </Typography>
        {client.companyName && personName && (
          <Typography variant="body2" color="text.secondary">
            {personName}
          </Typography>
        )}
      </Box>
      <ConnectionStatusField />
    </ShowHeaderRow>
  );
};

const ClientDetails = () => {
  const { canAccess: canSeePlaybookRuns } = useCanAccess({
    resource: 'playbook-runs',
    action: 'list',
  });
  return (
    <ShowCard maxWidth={1000}>
      <ClientHeader />
      <DetailSection title="Client">
        <Labeled label="Type">
          <SelectField source="type" choices={clientTypeChoices} />
        </Labeled>
        <Detail label="Tax client ID" source="taxClientId" />
        <Detail label="First name" source="firstName" />
        <Detail label="Last name" source="lastName" />
        <Detail label="Company name" source="companyName" />
      </DetailSection>
      <DetailSection title="Contact">
        <Detail label="Email" source="email" />
        <Detail label="Phone" source="phone" />
        <Labeled label="Portal status">
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <PortalStatusField />
            <SelectField source="portalStatus" choices={portalStatusChoices} />
          </Stack>
        </Labeled>
      </DetailSection>
      <DetailSection title="Contacts">
        <ClientContacts />
      </DetailSection>
      <DetailSection title="Files">
        <ClientFiles />
      </DetailSection>
      <DetailSection title="File requests">
        <ClientFileRequests />
      </DetailSection>
      {canSeePlaybookRuns && (
        <DetailSection title="Playbook runs">
          <ClientPlaybookRuns />
        </DetailSection>
      )}
      <DetailSection title="Address">
        <Detail label="Street" source="street" />
        <Detail label="City" source="city" />
        <Detail label="State" source="state" />
        <Detail label="Postal code" source="postalCode" />
      </DetailSection>
      <DetailSection title="Tags">
        <Box sx={{ gridColumn: '1 / -1' }}>
          <ClientTagsEditor />
        </Box>
      </DetailSection>
      <RecordDatesSection />
      <DetailSection title="Activity">
        <ClientActivity />
      </DetailSection>
    </ShowCard>
  );
};

export const ClientShow = () => (
  <Show component="div" actions={<ClientShowActions />}>
    <ClientDetails />
  </Show>
);
