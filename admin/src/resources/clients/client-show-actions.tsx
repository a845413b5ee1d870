import { EditButton, TopToolbar, useRecordContext } from 'react-admin';
import type { Client } from '../../types';
import { RequestFilesButton } from '../file-requests/request-files-button';
import { ShareButton } from '../sharing/share-button';

/**
 * Owners edit and share the client (Entities Admins own every client); viewers only read. Anyone
 * who sees the client may request files from its contacts.
 */
export const ClientShowActions = () => {
  const client = useRecordContext<Client>();
  if (!client) return null;
  return (
    <TopToolbar>
      <RequestFilesButton />
      {client.myRole === 'owner' && (
        <>
          <EditButton />
          <ShareButton />
        </>
      )}
    </TopToolbar>
  );
};
