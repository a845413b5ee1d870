import { Alert, Stack, Typography } from '@mui/material';
import { NumberInput, required, SelectInput } from 'react-admin';
import { useWatch } from 'react-hook-form';
import type { PlaybookTriggerType } from '../../types';
import { daysInMonth, monthChoices, triggerTypeChoices } from './playbook-choices';
import { TagSelectInput } from './reference-select-inputs';

// What each trigger does and does not do (the API's rules), said where the trigger is chosen.
const triggerNotes: Record<PlaybookTriggerType, string> = {
  tag_added:
    'Runs for clients tagged after the playbook is enabled; clients who already have the tag are not looked back at. A client has at most one run in progress; tagging again after it ended starts a new one. Removing the tag from the client cancels its run.',
  invitation_accepted:
    'Runs once per client, ever: when a contact of the client first accepts the portal invitation.',
  yearly:
    'Runs once per client per year, at 00:00 UTC on that date. February 29 is not offered: the date must exist every year.',
};

/** A day the month has every year. */
const dayOfMonth = (value: unknown, values: { trigger?: { month?: number } }) => {
  const month = Number(values.trigger?.month);
  if (typeof value !== 'number' || !month) return undefined;
  if (!Number.isInteger(value) || value < 1) return 'Use a day of the month';
  const last = daysInMonth(month);
  return value > last ? `${monthChoices[month - 1].name} has ${last} days` : undefined;
};

const YearlyFields = () => (
  <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
    <SelectInput
      source="trigger.month"
      label="Month"
      choices={monthChoices}
      validate={required('Choose a month')}
      sx={{ minWidth: 180 }}
    />
    <NumberInput
      source="trigger.day"
      label="Day of the month"
      min={1}
      max={31}
      step={1}
      validate={[required('Choose a day'), dayOfMonth]}
      sx={{ maxWidth: 180 }}
    />
  </Stack>
);

/** What starts a run: the trigger's type, then what that type needs. */
export const TriggerInput = () => {
  const type = useWatch<{ trigger?: { type?: PlaybookTriggerType } }>({ name: 'trigger.type' }) as
    PlaybookTriggerType | undefined;
  return (
    <Stack spacing={1} sx={{ width: '100%', mb: 2 }}>
      <Typography variant="overline" color="text.secondary" component="h3">
        Trigger
      </Typography>
      <SelectInput
        source="trigger.type"
        label="Trigger"
        choices={triggerTypeChoices}
        validate={required('Choose what starts the playbook')}
        sx={{ maxWidth: 420 }}
        fullWidth
      />
      {type === 'tag_added' && <TagSelectInput source="trigger.tagId" label="Trigger tag" />}
      {type === 'yearly' && (
        <>
          <YearlyFields />
          <TagSelectInput
            source="trigger.tagId"
            label="Only clients tagged"
            helperText="Optional: leave empty to run for every client"
            optional
          />
        </>
      )}
      {type && (
        <Alert severity="info" sx={{ maxWidth: 720 }}>
          {triggerNotes[type]}
        </Alert>
      )}
    </Stack>
  );
};
