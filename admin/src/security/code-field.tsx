import { TextField } from '@mui/material';

/** The 6-digit code of an authenticator app, with the keyboard and autofill phones offer. */
export const CodeField = ({
  value,
  onChange,
  label = 'Authentication code',
}: {
  value: string;
  onChange: (value: string) => void;
  label?: string;
}) => (
  <TextField
    label={label}
    value={value}
    onChange={(event) => onChange(event.target.value.replace(/\D/g, '').slice(0, 6))}
    required
    autoFocus
    autoComplete="one-time-code"
    slotProps={{ htmlInput: { inputMode: 'numeric', pattern: '[0-9]{6}', maxLength: 6 } }}
  />
);
