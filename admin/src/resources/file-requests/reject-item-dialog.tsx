import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@mui/material';
import { type FormEvent, useId, useState } from 'react';

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
  const titleId = useId();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const missing = reason.trim() === '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (missing) return;
    if (await onReject(reason.trim())) onClose();
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
      slotProps={{
        transition: {
          onExited: () => {
            setReason('');
            setTouched(false);
          },
        },
      }}
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>Reject {itemTitle}</DialogTitle>
        <DialogContent>
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
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" color="error" disabled={pending}>
            Reject item
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
