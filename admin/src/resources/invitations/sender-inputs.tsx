import { InputAdornment, Stack } from '@mui/material';
import { regex, required, SelectInput, TextInput } from 'react-admin';
import type { Settings } from '../../types';

export interface SenderValues {
  senderName: string;
  senderDomain: string;
}

/** The default sender split in two; a default off the firm's domains falls back to the first one. */
export const senderDefaults = ({ defaultSender, sendingDomains }: Settings): SenderValues => {
  // No default sender set yet: the name is left to fill in.
  const sender = defaultSender ?? '';
  const at = sender.lastIndexOf('@');
  const domain = at >= 0 ? sender.slice(at + 1) : '';
  return {
    senderName: at >= 0 ? sender.slice(0, at) : sender,
    senderDomain: sendingDomains.includes(domain) ? domain : sendingDomains[0],
  };
};

export const senderEmail = ({ senderName, senderDomain }: SenderValues) =>
  `${senderName.trim()}@${senderDomain}`;

const validateName = [
  required(),
  regex(/^\s*[^\s@]+\s*$/, 'Only the part before the @: the domain is chosen next to it'),
];

/**
 * The From address, limited to the firm's sending domains: the API refuses any other
 * (SENDER_NOT_ALLOWED), so only the part before the @ is free text.
 */
export const SenderInputs = ({ domains }: { domains: string[] }) => (
  <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: 'flex-start' }}>
    <TextInput
      source="senderName"
      label="Sender"
      validate={validateName}
      InputProps={{ endAdornment: <InputAdornment position="end">@</InputAdornment> }}
    />
    <SelectInput
      source="senderDomain"
      label="Domain"
      choices={domains.map((domain) => ({ id: domain, name: domain }))}
      validate={required()}
    />
  </Stack>
);
