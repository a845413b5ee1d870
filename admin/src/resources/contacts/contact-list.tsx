import { type Theme, useMediaQuery } from '@mui/material';
import { Datagrid, List, SelectField, SimpleList, TextField, useCanAccess } from 'react-admin';
import { ListPagination } from '../../shared/list-pagination';
import type { Contact } from '../../types';
import { portalStatusChoices } from '../clients/client-choices';
import { PortalStatusField } from '../clients/portal-status-field';
import { BulkInviteButtons } from '../invitations/bulk-invite-buttons';
import { PortalListActions } from '../invitations/pending-invites-filter';
import { ContactClientsField } from './contact-clients-field';
import { contactFilters } from './contact-filters';

export const ContactList = () => {
  const { canAccess: canInvite } = useCanAccess({ resource: 'contacts', action: 'invite' });
  const isSmall = useMediaQuery<Theme>((theme) => theme.breakpoints.down('md'));
  return (
    <List
      perPage={25}
      exporter={false}
      sort={{ field: 'displayName', order: 'ASC' }}
      filters={contactFilters}
      actions={<PortalListActions />}
      pagination={<ListPagination rowsPerPageOptions={[25, 50, 100]} />}
    >
      {isSmall ? (
        <SimpleList<Contact>
          primaryText={(contact) => contact.displayName}
          secondaryText={(contact) => contact.email}
          linkType="show"
        />
      ) : (
        <Datagrid rowClick="show" bulkActionButtons={canInvite ? <BulkInviteButtons /> : false}>
          <PortalStatusField source="portalStatus" label="Portal" />
          <TextField source="displayName" label="Name" />
          <TextField source="email" label="Email" />
          <ContactClientsField label="Clients" sortable={false} />
          <SelectField source="portalStatus" label="Status" choices={portalStatusChoices} />
        </Datagrid>
      )}
    </List>
  );
};
