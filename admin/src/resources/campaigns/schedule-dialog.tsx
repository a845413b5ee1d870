import { DialogContentText, TextField } from '@mui/material';
import { useState } from 'react';
import { FormDialog } from '../../components/form-dialog';

const pad = (n: number) => String(n).padStart(2, '0');

/** A date as a `datetime-local` input wants it: local time, to the minute. */
const toLocalInput = (date: Date) =>
  `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(
    date.getHours(),
  )}:${pad(date.getMinutes())}`;

/** Tomorrow at 9:00, a sensible time for a letter to arrive. */
const tomorrowMorning = () => {
  const date = new Date();
  date.setDate(date.getDate() + 1);
  date.setHours(9, 0, 0, 0);
  return toLocalInput(date);
};

const MAX_DAYS = 366;

interface ScheduleDialogProps {
  open: boolean;
  pending: boolean;
  onClose: () => void;
  /** Resolves to whether the campaign was scheduled (the dialog then closes). */
  onSchedule: (at: Date) => Promise<boolean>;
}

/** Picks when the campaign goes, in the browser's time zone; the API takes it as an instant. */
export const ScheduleDialog = ({ open, pending, onClose, onSchedule }: ScheduleDialogProps) => {
  const [value, setValue] = useState(tomorrowMorning);
  const [touched, setTouched] = useState(false);
  const at = value ? new Date(value) : null;
  const problem =
    !at || Number.isNaN(at.getTime())
      ? 'Pick a date and time'
      : at.getTime() <= Date.now()
        ? 'Pick a time in the future'
        : at.getTime() > Date.now() + MAX_DAYS * 86_400_000
          ? `Pick a time within ${MAX_DAYS} days`
          : undefined;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  const submit = async () => {
    setTouched(true);
    if (problem || !at) return;
    if (await onSchedule(at)) onClose();
  };

  return (
    <FormDialog
      open={open}
      title="Schedule campaign"
      submitLabel="Schedule"
      pending={pending}
      maxWidth="xs"
      onClose={onClose}
      onSubmit={submit}
      onExited={() => {
        setValue(tomorrowMorning());
        setTouched(false);
      }}
    >
      <DialogContentText sx={{ mb: 2 }}>
        The segment is matched at that time, and each reachable contact gets the email then. You can
        cancel until it has gone.
      </DialogContentText>
      <TextField
        type="datetime-local"
        label="Send at"
        value={value}
        onChange={(event) => setValue(event.target.value)}
        onBlur={() => setTouched(true)}
        error={touched && !!problem}
        helperText={touched && problem ? problem : `Your time zone: ${zone}`}
        slotProps={{
          inputLabel: { shrink: true },
          htmlInput: { min: toLocalInput(new Date()) },
        }}
        required
        fullWidth
        autoFocus
      />
    </FormDialog>
  );
};
