import { Alert, Stack, Typography } from '@mui/material';
import { DateInput, useGetOne } from 'react-admin';
import { RequestTextInputs } from '../../components/request-text-inputs';
import type { Client } from '../../types';
import { useClientFiles } from '../client-files/use-client-files';
import { AttachmentsInput } from './attachments-input';
import { notInThePast } from './file-request-body';
import { RecipientsInput } from './recipients-input';
import { RequestedItemsInput } from './requested-items-input';
import { TemplateInput } from './template-input';

/** Step 2: who is asked, for what, by when; everything here belongs to the chosen client. */
export const DetailsStep = ({ clientId }: { clientId: string }) => {
  // `myRole` (may this user add files to the client?) comes with the single client only.
  const client = useGetOne<Client>('clients', { id: clientId });
  const files = useClientFiles(clientId);

  return (
    <Stack spacing={2}>
      {client.data && (
        <Typography variant="subtitle1" component="p">
          Client: <strong>{client.data.displayName}</strong>
        </Typography>
      )}
      {client.error && <Alert severity="error">{client.error.message}</Alert>}
      <TemplateInput />
      <RecipientsInput clientId={clientId} />
      <RequestTextInputs
        messageLabel="Additional message"
        messageHelperText="Included in the email when detailed notifications are on in Settings"
      />
      <DateInput
        source="dueAt"
        label="Due date"
        helperText="Optional; reminders go out before, on and after it"
        validate={notInThePast}
        sx={{ maxWidth: 240 }}
      />
      <RequestedItemsInput files={files.data ?? []} />
      {files.error && <Alert severity="error">{files.error.message}</Alert>}
      {client.data && <AttachmentsInput client={client.data} files={files.data ?? []} />}
    </Stack>
  );
};
