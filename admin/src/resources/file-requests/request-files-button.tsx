import DriveFolderUploadOutlinedIcon from '@mui/icons-material/DriveFolderUploadOutlined';
import { CreateButton, useRecordContext } from 'react-admin';
import type { Client } from '../../types';

/** Opens the new request with the client in context already chosen. */
export const RequestFilesButton = () => {
  const client = useRecordContext<Client>();
  if (!client) return null;
  return (
    <CreateButton
      resource="file-requests"
      label="Request files"
      icon={<DriveFolderUploadOutlinedIcon />}
      state={{ record: { clientId: client.id } }}
    />
  );
};
