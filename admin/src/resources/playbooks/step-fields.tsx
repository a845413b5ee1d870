import { Stack } from '@mui/material';
import {
  maxLength,
  maxValue,
  minValue,
  NumberInput,
  required,
  TextInput,
  useSimpleFormIteratorItem,
  useWrappedSource,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import type { PlaybookStepType } from '../../types';
import { knownMergeFields, mergeFieldHelp } from './playbook-choices';
import { TagSelectInput, TemplateSelectInput } from './reference-select-inputs';

const wholeNumber = (value: unknown) =>
  typeof value === 'number' && !Number.isInteger(value) ? 'Use a whole number of days' : undefined;

// Each input names its step's number, so that steps can be told apart by their labels (as the
// API's messages do: "steps.2.days" is step 3).
const useStepNumber = () => useSimpleFormIteratorItem().index + 1;

const WaitFields = () => (
  <NumberInput
    source="days"
    label={`Step ${useStepNumber()} days`}
    helperText="Days to wait before the next step"
    min={1}
    max={3650}
    step={1}
    validate={[required(), wholeNumber, minValue(1), maxValue(3650)]}
    sx={{ maxWidth: 260 }}
  />
);

const EmailFields = () => {
  const n = useStepNumber();
  return (
    <>
      <TextInput
        source="subject"
        label={`Step ${n} subject`}
        validate={[required(), maxLength(200), knownMergeFields]}
        fullWidth
      />
      <TextInput
        source="body"
        label={`Step ${n} body`}
        helperText={`To the client's primary contact. ${mergeFieldHelp}`}
        validate={[required(), maxLength(20000), knownMergeFields]}
        multiline
        minRows={5}
        fullWidth
      />
    </>
  );
};

const FileRequestFields = () => {
  const n = useStepNumber();
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ width: '100%' }}>
      <TemplateSelectInput
        source="templateId"
        label={`Step ${n} template`}
        helperText="Asks the client's primary contact for its items"
      />
      <NumberInput
        source="dueInDays"
        label={`Step ${n} due in days`}
        helperText="Leave empty to use the template's"
        min={1}
        max={365}
        step={1}
        validate={[wholeNumber, minValue(1), maxValue(365)]}
        sx={{ maxWidth: 200 }}
      />
    </Stack>
  );
};

const TagFields = () => <TagSelectInput source="tagId" label={`Step ${useStepNumber()} tag`} />;

const NotifyFields = () => (
  <TextInput
    source="message"
    label={`Step ${useStepNumber()} message`}
    helperText={`Emailed to the client's owners (else to the playbook's creator). ${mergeFieldHelp}`}
    validate={[required(), maxLength(5000), knownMergeFields]}
    multiline
    minRows={3}
    fullWidth
  />
);

/**
 * The inputs of the step's type. Fields of another type the step had before stay in the form
 * but are left out of what is sent (see playbook-body.ts).
 */
export const StepFields = () => {
  const typeSource = useWrappedSource('type');
  const type = useWatch({ name: typeSource }) as PlaybookStepType | undefined;
  switch (type) {
    case 'wait':
      return <WaitFields />;
    case 'send_email':
      return <EmailFields />;
    case 'file_request':
      return <FileRequestFields />;
    case 'add_tag':
    case 'remove_tag':
      return <TagFields />;
    case 'notify_owner':
      return <NotifyFields />;
    default:
      return null;
  }
};
