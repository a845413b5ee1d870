import { Alert, Box, Stack, Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { UploadButton, UploadStatus } from '../../components/upload-controls';
import type { Client } from '../../types';
import { ClientFilesTable } from './client-files-table';
import { useClientFiles } from './use-client-files';
import { useUploadClientFile } from './use-upload-client-file';

const Note = ({ children }: { children: string }) => (
  <Typography variant="body2" color="text.secondary">
    {children}
  </Typography>
);

const FilesOfClient = ({ client }: { client: Client }) => {
  const files = useClientFiles(client.id);
  const { upload, progress, error, clearError } = useUploadClientFile(client.id);
  const isOwner = client.myRole === 'owner';
  const uploading = progress !== null;

  return (
    <Stack spacing={1.5} sx={{ gridColumn: '1 / -1', alignItems: 'flex-start' }}>
      {files.isPending && <Note>Loading files…</Note>}
      {files.error && <Alert severity="error">{files.error.message}</Alert>}
      {files.data?.length === 0 && <Note>No files yet</Note>}
      {!!files.data?.length && (
        <Box sx={{ width: '100%', overflowX: 'auto' }}>
          <ClientFilesTable
            files={files.data}
            canEdit={isOwner}
            uploading={uploading}
            onUpload={upload}
          />
        </Box>
      )}
      <UploadStatus error={error} onClearError={clearError} progress={progress} />
      {isOwner && (
        <UploadButton
          inputLabel="Choose a file to upload"
          label="Upload file"
          disabled={uploading}
          onFile={(file) => upload(file)}
        />
      )}
    </Stack>
  );
};

/** The client's files on its page; owners upload, add versions, share and delete. */
export const ClientFiles = () => {
  const client = useRecordContext<Client>();
  return client ? <FilesOfClient client={client} /> : null;
};
