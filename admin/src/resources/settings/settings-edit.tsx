import {
  AutocompleteInput,
  BooleanInput,
  RadioButtonGroupInput,
  Edit,
  email,
  NumberInput,
  required,
  SaveButton,
  SimpleForm,
  TextArrayInput,
  TextInput,
  Toolbar,
} from 'react-admin';
import type { Settings } from '../../types';
import { DetailSection } from '../../components/detail-section';
import { daysToSeconds, secondsToDays } from './days';

type EditableSettings = Omit<Settings, 'id' | 'emailDelivery'>;

/** Only what staff may change: `id` and `emailDelivery` are the API's. */
const editable = (settings: Settings): EditableSettings => ({
  firmName: settings.firmName,
  logoUrl: settings.logoUrl || null,
  sendingDomains: settings.sendingDomains,
  defaultSender: settings.defaultSender,
  reminderIntervalSeconds: settings.reminderIntervalSeconds,
  maxReminders: settings.maxReminders,
  invitationExpirySeconds: settings.invitationExpirySeconds,
  detailedNotifications: settings.detailedNotifications,
  requestReminderDaysBefore: settings.requestReminderDaysBefore.map(Number),
  requestOverdueIntervalDays: settings.requestOverdueIntervalDays,
  timeZone: settings.timeZone,
  staffMfa: settings.staffMfa,
  contactMfa: settings.contactMfa,
});

const mfaChoices = [
  { id: 'required', name: 'Required' },
  { id: 'optional', name: 'Optional' },
];

// Browsers list the named zones; UTC (the default) is added.
const timeZoneChoices = [
  'UTC',
  ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC'),
].map((zone) => ({
  id: zone,
  name: zone.replaceAll('_', ' '),
}));

const domainPattern = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

const validateDomains = (domains: string[] | undefined) => {
  const wrong = domains?.find((domain) => !domainPattern.test(domain));
  return wrong ? `"${wrong}" is not a domain name (e.g. yourfirm.com)` : undefined;
};

// The API refuses a default sender off the firm's domains; say so before the round trip.
const onSendingDomain = (address: string | undefined, values: Partial<Settings>) => {
  const domain = address?.split('@').pop()?.toLowerCase();
  return !address || values.sendingDomains?.some((allowed) => allowed.toLowerCase() === domain)
    ? undefined
    : 'Must be an address on one of the sending domains';
};

const validateDaysBefore = (days: (number | string)[] | undefined) =>
  days?.some((d) => !Number.isInteger(Number(d)) || Number(d) < 1 || Number(d) > 60)
    ? 'Whole days from 1 to 60'
    : undefined;

const positive = (value: number | null | undefined) =>
  value == null || value > 0 ? undefined : 'Must be more than 0';

const wholeNumber = (value: number | null | undefined) =>
  value == null || (Number.isInteger(value) && value >= 0) ? undefined : 'Must be 0 or more';

/** The firm's settings (the single record `settings/firm`), for staff_admin only. */
export const SettingsEdit = () => (
  <Edit<Settings>
    resource="settings"
    id="firm"
    title="Settings"
    redirect={false}
    mutationMode="pessimistic"
    actions={false}
    transform={editable}
  >
    <SimpleForm
      toolbar={
        <Toolbar>
          <SaveButton />
        </Toolbar>
      }
    >
      <DetailSection title="Firm">
        <TextInput source="firmName" label="Firm name" validate={required()} />
        <TextInput source="logoUrl" label="Logo URL" type="url" />
        <AutocompleteInput
          source="timeZone"
          label="Time zone"
          choices={timeZoneChoices}
          validate={required()}
          helperText="Every date in the console and in messages is shown in this zone"
        />
      </DetailSection>
      <DetailSection title="Invitation email">
        <TextArrayInput
          source="sendingDomains"
          label="Sending domains"
          helperText="The domains invitations may be sent from; type one and press Enter"
          validate={validateDomains}
          // A domain typed but not yet entered still counts when the field is left.
          autoSelect
          sx={{ gridColumn: '1 / -1' }}
        />
        <TextInput
          source="defaultSender"
          label="Default sender"
          type="email"
          validate={[required(), email(), onSendingDomain]}
          sx={{ gridColumn: '1 / -1' }}
        />
      </DetailSection>
      <DetailSection title="Reminders and expiry">
        <NumberInput
          source="reminderIntervalSeconds"
          label="Remind every (days)"
          format={secondsToDays}
          parse={daysToSeconds}
          step={0.5}
          validate={[required(), positive]}
        />
        <NumberInput
          source="maxReminders"
          label="Maximum reminders"
          step={1}
          min={0}
          validate={[required(), wholeNumber]}
        />
        <NumberInput
          source="invitationExpirySeconds"
          label="Invitations expire after (days)"
          format={secondsToDays}
          parse={daysToSeconds}
          step={0.5}
          validate={[required(), positive]}
        />
      </DetailSection>
      <DetailSection title="File requests">
        <TextArrayInput
          source="requestReminderDaysBefore"
          label="Remind before the due date (days)"
          helperText="e.g. 3 and 1; type a number and press Enter"
          validate={validateDaysBefore}
          autoSelect
        />
        <NumberInput
          source="requestOverdueIntervalDays"
          label="Then remind every (days)"
          helperText="After the due date, or from the request on when it has none"
          step={1}
          min={1}
          validate={[required(), positive]}
        />
        <BooleanInput
          source="detailedNotifications"
          label="Detailed notifications"
          helperText="Emails include the request's description, message and items; otherwise they only point to the portal"
          sx={{ gridColumn: '1 / -1' }}
        />
      </DetailSection>
      <DetailSection title="Two-step sign-in">
        <RadioButtonGroupInput
          source="staffMfa"
          label="For staff"
          choices={mfaChoices}
          helperText="Required: staff set up an authenticator app at their next sign-in"
          validate={required()}
        />
        <RadioButtonGroupInput
          source="contactMfa"
          label="For client contacts"
          choices={mfaChoices}
          helperText="Optional: contacts may turn it on from their portal profile"
          validate={required()}
        />
      </DetailSection>
    </SimpleForm>
  </Edit>
);
