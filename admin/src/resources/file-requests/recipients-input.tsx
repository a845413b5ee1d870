import { Alert, Typography } from '@mui/material';
import { CheckboxGroupInput, Link, useCreatePath, useGetList } from 'react-admin';
import type { Contact } from '../../types';
import { atLeastOneRecipient } from './file-request-body';

const contactText = (contact: Contact) =>
  contact.displayName && contact.displayName !== contact.email
    ? `${contact.displayName} (${contact.email})`
    : contact.email;

/** The client's contacts (including those reached through its contact groups), to tick. */
export const RecipientsInput = ({ clientId }: { clientId: string }) => {
  const createPath = useCreatePath();
  const { data, isPending, error } = useGetList<Contact>('contacts', {
    filter: { clientId },
    sort: { field: 'displayName', order: 'ASC' },
    pagination: { page: 1, perPage: 200 },
  });

  if (isPending) {
    return (
      <Typography variant="body2" color="text.secondary">
        Loading the client&apos;s contacts…
      </Typography>
    );
  }
  if (error) return <Alert severity="error">{error.message}</Alert>;
  if (!data?.length) {
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
      choices={data}
      optionText={contactText}
      row={false}
      validate={atLeastOneRecipient}
      helperText="Contacts without access to the client are refused"
    />
  );
};
