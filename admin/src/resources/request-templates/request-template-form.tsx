import { Alert } from '@mui/material';
import type { ReactElement } from 'react';
import {
  maxLength,
  maxValue,
  minValue,
  NumberInput,
  number,
  required,
  SimpleForm,
  TextInput,
  useRecordContext,
} from 'react-admin';
import { RequestTextInputs } from '../../components/request-text-inputs';
import { ApiErrorAlert, useApiErrorSubmit } from '../../shared/api-form-errors';
import type { RequestTemplateView } from '../../types';
import { RequestedItemsInput } from '../file-requests/requested-items-input';

const wholeDays = (value: unknown) =>
  typeof value === 'number' && !Number.isInteger(value) ? 'Use a whole number of days' : undefined;

/** Playbooks make requests from it on their own: say which, and why it cannot be deleted. */
const UsedByNotice = () => {
  const template = useRecordContext<RequestTemplateView>();
  if (!template?.usedBy?.length) return null;
  const one = template.usedBy.length === 1;
  const names = template.usedBy.map((playbook) => `"${playbook.name}"`).join(', ');
  return (
    <Alert severity="info" sx={{ mb: 2, width: '100%' }}>
      {`Used by the playbook${one ? '' : 's'} ${names}: changes apply to the requests ${
        one ? 'it makes' : 'they make'
      } from now on. It cannot be deleted while ${one ? 'that playbook uses' : 'they use'} it.`}
    </Alert>
  );
};

/** Shared by create and edit; limits are the API's. */
export const RequestTemplateForm = ({ toolbar }: { toolbar?: ReactElement }) => {
  const { submit, error } = useApiErrorSubmit('Could not save the template');
  return (
    <SimpleForm
      sx={{ maxWidth: 900 }}
      onSubmit={submit}
      toolbar={toolbar}
      defaultValues={{ items: [] }}
    >
      <UsedByNotice />
      <TextInput
        source="name"
        label="Name"
        validate={[required(), maxLength(100)]}
        helperText="How staff find it in the file request dialog and in playbooks"
        sx={{ maxWidth: 480 }}
        fullWidth
      />
      <RequestTextInputs
        messageLabel="Default message"
        messageHelperText="The request's additional message, included in the email when detailed notifications are on in Settings"
      />
      <RequestedItemsInput />
      <NumberInput
        source="dueInDays"
        label="Due in days"
        helperText="Days from the request to its due date; leave empty for no due date"
        min={1}
        max={365}
        step={1}
        validate={[number(), wholeDays, minValue(1), maxValue(365)]}
        sx={{ maxWidth: 240 }}
      />
      <ApiErrorAlert error={error} title="The template could not be saved" />
    </SimpleForm>
  );
};
