import { Alert, InputAdornment, MenuItem, Stack, TextField } from '@mui/material';
import { useId } from 'react';
import { Link, useInput } from 'react-admin';
import { useFirmSettings } from './use-email-delivery';

const validateSender = (value: unknown) =>
  typeof value === 'string' && /^[^\s@]+@[^\s@]+$/.test(value.trim())
    ? undefined
    : 'Give the part of the address before the @';

const split = (email: string) => {
  const at = email.lastIndexOf('@');
  return at >= 0
    ? { local: email.slice(0, at), domain: email.slice(at + 1) }
    : { local: email, domain: '' };
};

/**
 * `senderEmail`, limited to the firm's sending domains (the API refuses any other,
 * SENDER_NOT_ALLOWED): the part before the @ is free, the domain is picked.
 */
export const SenderEmailInput = () => {
  const domainId = useId();
  const { settings } = useFirmSettings();
  const { field, fieldState } = useInput({ source: 'senderEmail', validate: validateSender });
  const { local, domain } = split(String(field.value ?? ''));
  const domains = settings?.sendingDomains ?? [];
  const error = fieldState.invalid && (fieldState.isTouched || fieldState.isDirty);

  if (settings && domains.length === 0) {
    return (
      <Stack spacing={1} sx={{ mb: 2 }}>
        <Alert severity="warning">
          The firm has no sending domain yet, so campaigns cannot be sent. Add one in{' '}
          <Link to="/settings">Settings</Link>.
        </Alert>
        <TextField
          label="Sender email"
          value={field.value ?? ''}
          onChange={field.onChange}
          onBlur={field.onBlur}
          error={error}
          helperText={error ? fieldState.error?.message : ' '}
          required
        />
      </Stack>
    );
  }

  // A sender off today's domains (settings changed since) stays listed, so the value shows.
  const choices = domain && !domains.includes(domain) ? [...domains, domain] : domains;
  const chosen = domain || domains[0] || '';
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: 'flex-start' }}>
      <TextField
        label="Sender"
        value={local}
        onChange={(event) => field.onChange(`${event.target.value.trim()}@${chosen}`)}
        onBlur={field.onBlur}
        error={error}
        helperText={error ? fieldState.error?.message : 'The From address'}
        required
        slotProps={{ input: { endAdornment: <InputAdornment position="end">@</InputAdornment> } }}
      />
      <TextField
        id={domainId}
        select
        label="Domain"
        value={chosen}
        onChange={(event) => field.onChange(`${local}@${event.target.value}`)}
        helperText=" "
        sx={{ minWidth: 200 }}
      >
        {choices.map((choice) => (
          <MenuItem key={choice} value={choice}>
            {choice}
          </MenuItem>
        ))}
      </TextField>
    </Stack>
  );
};
