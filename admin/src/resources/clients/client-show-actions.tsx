import { EditButton, TopToolbar, useRecordContext } from 'react-admin';
import type { Client } from '../../types';
import { ShareButton } from '../sharing/share-button';

/** Owners edit and share the client (Entities Admins own every client); viewers only read. */
export const ClientShowActions = () => {
  const client = useRecordContext<Client>();
  if (client?.myRole !== 'owner') return null;
  return (
    <TopToolbar>
      <EditButton />
      <ShareButton />
    </TopToolbar>
  );
};
