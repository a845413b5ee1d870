import { type Theme, useMediaQuery } from '@mui/material';
import {
  BulkDeleteButton,
  Datagrid,
  List,
  SelectField,
  SimpleList,
  TextField,
  useCanAccess,
} from 'react-admin';
import { ListPagination } from '../../shared/list-pagination';
import type { Client } from '../../types';
import { BulkInviteButtons } from '../invitations/bulk-invite-buttons';
import { PortalListActions } from '../invitations/pending-invites-filter';
import { TagChipsField } from '../tags/tag-chips-field';
import { BulkTagsButton } from './bulk-tags-button';
import { clientTypeChoices } from './client-choices';
import { clientFilters } from './client-filters';
import { ClientListEmpty } from './client-list-empty';
import { ConnectionStatusField } from './connection-status-field';
import { PortalStatusField } from './portal-status-field';
import { SaveSegmentButton } from './save-segment-button';

const ClientBulkActions = ({ canInvite, canTag }: { canInvite?: boolean; canTag?: boolean }) => (
  <>
    {canInvite && <BulkInviteButtons />}
    {canTag && (
      <>
        <BulkTagsButton mode="add" />
        <BulkTagsButton mode="remove" />
        <BulkDeleteButton mutationMode="pessimistic" />
      </>
    )}
  </>
);

export const ClientList = () => {
  // Without tag or invite rights there is no bulk action, so no selection checkboxes either.
  const { canAccess: canTag } = useCanAccess({ resource: 'clients', action: 'tag' });
  const { canAccess: canInvite } = useCanAccess({ resource: 'clients', action: 'invite' });
  const isSmall = useMediaQuery<Theme>((theme) => theme.breakpoints.down('md'));
  return (
    <List
      perPage={25}
      // The stock CSV export does not neutralise formula cells (=, +, -, @); a safe export comes later.
      exporter={false}
      sort={{ field: 'displayName', order: 'ASC' }}
      filters={clientFilters}
      actions={
        <PortalListActions>
          <SaveSegmentButton />
        </PortalListActions>
      }
      pagination={<ListPagination rowsPerPageOptions={[25, 50, 100]} />}
      empty={<ClientListEmpty />}
    >
      {isSmall ? (
        <SimpleList<Client>
          primaryText={(client) => client.displayName}
          secondaryText={(client) => client.email}
          tertiaryText={(client) => client.taxClientId}
          linkType="show"
        />
      ) : (
        <Datagrid
          rowClick="show"
          bulkActionButtons={
            canTag || canInvite ? (
              <ClientBulkActions canTag={canTag} canInvite={canInvite} />
            ) : (
              false
            )
          }
        >
          <PortalStatusField source="portalStatus" label="Portal" />
          <TextField source="displayName" label="Name" />
          <TextField source="email" label="Email" />
          <TextField source="taxClientId" label="Tax client ID" />
          <SelectField source="type" label="Type" choices={clientTypeChoices} />
          <TagChipsField label="Tags" sortable={false} />
          <ConnectionStatusField source="connectionStatus" label="Connection" />
        </Datagrid>
      )}
    </List>
  );
};
