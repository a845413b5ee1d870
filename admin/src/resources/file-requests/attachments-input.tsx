import { Box, Stack, Typography } from '@mui/material';
import { CheckboxGroupInput } from 'react-admin';
import { useFormContext } from 'react-hook-form';
import { UploadButton, UploadStatus } from '../../components/upload-controls';
import type { Client, ClientFile } from '../../types';
import type { FileRequestFormValues } from './file-request-body';
import { useUploadAttachment } from './use-upload-attachment';

interface AttachmentsInputProps {
  client: Pick<Client, 'id' | 'myRole'>;
  files: ClientFile[];
}

/**
 * Existing files of the client to send along (shared with the recipients), and, for those who
 * may add files to the client (its owners), an upload that attaches the new file at once.
 */
export const AttachmentsInput = ({ client, files }: AttachmentsInputProps) => {
  const { getValues, setValue } = useFormContext<FileRequestFormValues>();
  const { upload, progress, error, clearError } = useUploadAttachment(client.id);
  const canUpload = client.myRole === 'owner';
  const uploading = progress !== null;

  const uploadAndAttach = async (file: File) => {
    const added = await upload(file);
    if (!added) return;
    const attached = getValues('attachmentFileIds') ?? [];
    setValue('attachmentFileIds', [...attached, added.id], { shouldDirty: true });
  };

  return (
    <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
      {files.length > 0 ? (
        <CheckboxGroupInput
          source="attachmentFileIds"
          label="Attachments"
          choices={files}
          optionText="name"
          row={false}
          helperText="Shared with the recipients, e.g. last year's return to update"
        />
      ) : (
        <Box>
          <Typography variant="body2" component="h4">
            Attachments
          </Typography>
          <Typography variant="body2" color="text.secondary">
            The client has no files to attach yet.
          </Typography>
        </Box>
      )}
      <UploadStatus error={error} onClearError={clearError} progress={progress} />
      <UploadButton
        inputLabel="Choose an attachment to upload"
        label="Upload attachment"
        disabled={!canUpload || uploading}
        onFile={uploadAndAttach}
      />
      {!canUpload && (
        <Typography variant="caption" color="text.secondary">
          Only the client&apos;s owners can add files to it; attach one of its files instead.
        </Typography>
      )}
    </Stack>
  );
};
