import { Alert, Box, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { CheckboxGroupInput, Link, useCreatePath, useDataProvider } from 'react-admin';
import type { ClientHubDataProvider } from '../../providers/data-provider';
import { choiceName, portalStatusChoices } from '../clients/client-choices';
import type { RecipientOption } from '../../types';
import { atLeastOneRecipient } from './file-request-body';

/** What sending the request does for the recipient's portal access, in staff's words. */
function accessNote(r: RecipientOption): string {
  switch (r.access) {
    case 'portal':
      return 'Uses the portal';
    case 'invitation':
      return 'Invited, not accepted yet: the email carries their invitation link';
    case 'unreachable':
      return 'Cannot be emailed: the address bounced or marked our email as spam';
    default:
      return r.portalStatus === 'not_invited'
        ? 'Not invited yet: this email invites them to the portal'
        : `${choiceName(portalStatusChoices, r.portalStatus)}: this email invites them again`;
  }
}

const RecipientLabel = ({ recipient }: { recipient: RecipientOption }) => (
  <Box component="span" sx={{ display: 'flex', flexDirection: 'column', py: 0.5 }}>
    <span>
      {recipient.name !== recipient.email
        ? `${recipient.name} (${recipient.email})`
        : recipient.email}
    </span>
    <Typography
      component="span"
      variant="caption"
      color={recipient.access === 'unreachable' ? 'error' : 'text.secondary'}
    >
      {accessNote(recipient)}
    </Typography>
  </Box>
);

/**
 * The client's contacts (including those reached through its contact groups), to tick, each
 * with their portal status: who has no portal access yet is invited by the request's email.
 */
export const RecipientsInput = ({ clientId }: { clientId: string }) => {
  const createPath = useCreatePath();
  const dataProvider = useDataProvider<ClientHubDataProvider>();
  const { data, isPending, error } = useQuery({
    queryKey: ['file-request-recipients', clientId],
    queryFn: () => dataProvider.getRequestRecipients(clientId),
  });

  if (isPending) {
    return (
      <Typography variant="body2" color="text.secondary">
        Loading the client&apos;s contacts…
      </Typography>
    );
  }
  if (error) return <Alert severity="error">{error.message}</Alert>;
  if (!data.length) {
    return (
      <Alert severity="warning">
        This client has no contacts yet, so there is no one to ask. Add one on the{' '}
        <Link to={createPath({ resource: 'clients', id: clientId, type: 'show' })}>
          client&apos;s page
        </Link>
        .
      </Alert>
    );
  }
  return (
    <CheckboxGroupInput
      source="recipientIds"
      label="Recipients"
      choices={data.map((r) => ({ ...r, disabled: r.access === 'unreachable' }))}
      optionText={(r: RecipientOption) => <RecipientLabel recipient={r} />}
      row={false}
      validate={atLeastOneRecipient}
      helperText="Whoever has no portal access yet gets one email: it invites them and opens this request once they set a password"
    />
  );
};
