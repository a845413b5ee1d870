import { Alert, Divider, Typography } from '@mui/material';
import type { ReactElement } from 'react';
import {
  BooleanInput,
  maxLength,
  required,
  SimpleForm,
  TextInput,
  useRecordContext,
} from 'react-admin';
import { ApiErrorAlert, useApiErrorSubmit } from '../../shared/api-form-errors';
import type { PlaybookView } from '../../types';
import { plural } from './playbook-choices';
import { StepsInput } from './steps-input';
import { TriggerInput } from './trigger-input';

/** On an edited playbook with runs under way: what a change does to them. */
const RunningRunsNotice = () => {
  const playbook = useRecordContext<PlaybookView>();
  const running = playbook?.runCounts?.running ?? 0;
  if (!running) return null;
  return (
    <Alert severity="warning" sx={{ mb: 2, width: '100%', maxWidth: 720 }}>
      {`${plural(running, 'run')} in progress. Changing the trigger or disabling the playbook cancels them; changed steps apply to new runs only.`}
    </Alert>
  );
};

export const playbookDefaults = {
  enabled: true,
  trigger: { type: 'tag_added' },
  steps: [{ type: 'wait', days: null }],
};

/**
 * Shared by create and edit: a name, on or off, a trigger and the ordered steps. The API's
 * refusals name the step ("steps.2.templateId: …"): shown above the buttons and at the field.
 */
export const PlaybookForm = ({ toolbar }: { toolbar?: ReactElement }) => {
  const { submit, error } = useApiErrorSubmit('Could not save the playbook');
  return (
    <SimpleForm sx={{ maxWidth: 960 }} onSubmit={submit} toolbar={toolbar}>
      <RunningRunsNotice />
      <TextInput
        source="name"
        label="Name"
        validate={[required(), maxLength(100)]}
        sx={{ maxWidth: 480 }}
        fullWidth
      />
      <BooleanInput
        source="enabled"
        label="Enabled"
        helperText="Runs start only while the playbook is enabled; disabling it cancels its runs in progress"
      />
      <Divider flexItem sx={{ my: 2 }} />
      <TriggerInput />
      <Divider flexItem sx={{ mb: 2 }} />
      <Typography variant="overline" color="text.secondary" component="h3">
        Steps
      </Typography>
      <StepsInput />
      <ApiErrorAlert error={error} title="The playbook could not be saved" />
    </SimpleForm>
  );
};
