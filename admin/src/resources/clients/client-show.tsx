import { Box, Card, CardContent, Divider, Stack, Typography } from '@mui/material';
import { DateField, Labeled, SelectField, Show, TextField, useRecordContext } from 'react-admin';
import type { Client } from '../../types';
import { clientTypeChoices, portalStatusChoices } from './client-choices';
import { ClientSection } from './client-section';
import { ClientTagsEditor } from './client-tags-editor';
import { ConnectionStatusField } from './connection-status-field';
import { PortalStatusField } from './portal-status-field';

const ClientHeader = () => {
  const client = useRecordContext<Client>();
  if (!client) return null;
  const personName = [client.firstName, client.lastName].filter(Boolean).join(' ');
  return (
    <Stack
      direction={{ xs: 'column', sm: 'row' }}
      spacing={2}
      sx={{ justifyContent: 'space-between', alignItems: { sm: 'center' } }}
    >
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
    </Stack>
  );
};

const ClientDetails = () => (
  <Card sx={{ maxWidth: 1000 }}>
    <CardContent>
      <Stack spacing={3} divider={<Divider flexItem />}>
        <ClientHeader />
        <ClientSection title="Client">
          <Labeled label="Type">
            <SelectField source="type" choices={clientTypeChoices} />
          </Labeled>
          <Labeled label="Tax client ID">
            <TextField source="taxClientId" emptyText="—" />
          </Labeled>
          <Labeled label="First name">
            <TextField source="firstName" emptyText="—" />
          </Labeled>
          <Labeled label="Last name">
            <TextField source="lastName" emptyText="—" />
          </Labeled>
          <Labeled label="Company name">
            <TextField source="companyName" emptyText="—" />
          </Labeled>
        </ClientSection>
        <ClientSection title="Contact">
          <Labeled label="Email">
            <TextField source="email" emptyText="—" />
          </Labeled>
          <Labeled label="Phone">
            <TextField source="phone" emptyText="—" />
          </Labeled>
          <Labeled label="Portal status">
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <PortalStatusField />
              <SelectField source="portalStatus" choices={portalStatusChoices} />
            </Stack>
          </Labeled>
        </ClientSection>
        <ClientSection title="Address">
          <Labeled label="Street">
            <TextField source="street" emptyText="—" />
          </Labeled>
          <Labeled label="City">
            <TextField source="city" emptyText="—" />
          </Labeled>
          <Labeled label="State">
            <TextField source="state" emptyText="—" />
          </Labeled>
          <Labeled label="Postal code">
            <TextField source="postalCode" emptyText="—" />
          </Labeled>
        </ClientSection>
        <ClientSection title="Tags">
          <Box sx={{ gridColumn: '1 / -1' }}>
            <ClientTagsEditor />
          </Box>
        </ClientSection>
        <ClientSection title="Record">
          <Labeled label="Created">
            <DateField source="createdAt" showTime />
          </Labeled>
          <Labeled label="Updated">
            <DateField source="updatedAt" showTime />
          </Labeled>
        </ClientSection>
      </Stack>
    </CardContent>
  </Card>
);

export const ClientShow = () => (
  <Show component="div">
    <ClientDetails />
  </Show>
);
