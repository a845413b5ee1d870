import { DialogContentText, TextField } from '@mui/material';
import { useState } from 'react';
import { FormDialog } from '../../components/form-dialog';

interface RejectItemDialogProps {
  itemTitle: string;
  open: boolean;
  pending: boolean;
  onClose: () => void;
  /** Resolves to whether the rejection went through (the dialog then closes). */
  onReject: (reason: string) => Promise<boolean>;
}

/** Asks why: the reason goes to the recipients, who upload again. */
export const RejectItemDialog = ({
  itemTitle,
  open,
  pending,
  onClose,
  onReject,
}: RejectItemDialogProps) => {
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const missing = reason.trim() === '';

  const submit = async () => {
    setTouched(true);
    if (missing) return;
    if (await onReject(reason.trim())) onClose();
  };

  return (
    <FormDialog
      open={open}
      title={`Reject ${itemTitle}`}
      submitLabel="Reject item"
      submitColor="error"
      pending={pending}
      onClose={onClose}
      onSubmit={submit}
      onExited={() => {
        setReason('');
        setTouched(false);
      }}
    >
      <DialogContentText sx={{ mb: 2 }}>
        The recipients see the reason and are asked to upload again.
      </DialogContentText>
      <TextField
        label="Reason"
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        onBlur={() => setTouched(true)}
        error={touched && missing}
        helperText={touched && missing ? 'Say why, so the client knows what to send' : ' '}
        slotProps={{ htmlInput: { maxLength: 1000 } }}
        required
        multiline
        minRows={2}
        fullWidth
        autoFocus
      />
    </FormDialog>
  );
};
