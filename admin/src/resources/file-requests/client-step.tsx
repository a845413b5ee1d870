import { AutocompleteInput, ReferenceInput, required } from 'react-admin';
import { useFormContext } from 'react-hook-form';
import type { FileRequestFormValues } from './file-request-body';

/** Step 1: whose documents. Recipients, files and attachments all belong to that client. */
export const ClientStep = () => {
  const { getValues, setValue } = useFormContext<FileRequestFormValues>();
  // Another client's contacts and files mean nothing here: drop what was picked for the last one.
  const forgetClientChoices = () => {
    setValue('recipientIds', []);
    setValue('attachmentFileIds', []);
    const items = getValues('items');
    if (items?.length) {
      setValue(
        'items',
        items.map((item) => ({ ...item, updatesFileId: null })),
      );
    }
  };

  return (
    <ReferenceInput
      source="clientId"
      reference="clients"
      sort={{ field: 'displayName', order: 'ASC' }}
    >
      <AutocompleteInput
        label="Client"
        optionText="displayName"
        validate={required('Choose the client to request files from')}
        onChange={forgetClientChoices}
        sx={{ maxWidth: 480 }}
        fullWidth
      />
    </ReferenceInput>
  );
};
