import StarIcon from '@mui/icons-material/Star';
import { Box, Typography } from '@mui/material';
import {
  CreateButton,
  Datagrid,
  type Identifier,
  ReferenceManyField,
  TextField,
  useRecordContext,
} from 'react-admin';
import type { Client, Contact } from '../../types';
import { contactRoles } from '../contacts/contact-choices';
import { ContactLinkField } from '../contacts/contact-link-field';
import { PortalStatusField } from './portal-status-field';

/** The contact's role on this client, and whether it is the one invitations to the client reach. */
const RoleOnClient = ({ clientId }: { clientId: Identifier; label?: string }) => {
  const contact = useRecordContext<Contact>();
  const link = contact?.clients.find((client) => client.id === clientId);
  if (!link) return null;
  return (
    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
      {contactRoles[link.role] ?? link.role}
      {link.isPrimary && (
        <StarIcon color="warning" fontSize="small" titleAccess="Primary contact" />
      )}
    </Box>
  );
};

const NoContacts = () => (
  <Typography variant="body2" color="text.secondary">
    No contacts yet
  </Typography>
);

/** The client's contacts, each with its portal status icon (the envelope and bell act here too). */
export const ClientContacts = () => {
  const client = useRecordContext<Client>();
  if (!client) return null;
  return (
    <Box sx={{ gridColumn: '1 / -1' }}>
      <ReferenceManyField
        reference="contacts"
        target="clientId"
        sort={{ field: 'displayName', order: 'ASC' }}
        perPage={100}
      >
        <Datagrid rowClick="show" bulkActionButtons={false} empty={<NoContacts />}>
          <PortalStatusField source="portalStatus" label="Portal" />
          <ContactLinkField label="Name" />
          <TextField source="email" label="Email" />
          <RoleOnClient clientId={client.id} label="Role" />
        </Datagrid>
      </ReferenceManyField>
      <CreateButton
        resource="contacts"
        label="Add contact"
        state={{ record: { clientIds: [client.id] } }}
        sx={{ mt: 1 }}
      />
    </Box>
  );
};
