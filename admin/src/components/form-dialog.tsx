import {
  Button,
  type ButtonProps,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  type DialogProps,
} from '@mui/material';
import { type FormEvent, type ReactNode, useId } from 'react';

interface FormDialogProps {
  open: boolean;
  title: ReactNode;
  submitLabel: ReactNode;
  submitColor?: ButtonProps['color'];
  /** Disables the submit button while the action runs. */
  pending: boolean;
  maxWidth?: DialogProps['maxWidth'];
  onClose: () => void;
  /** Called on submit (the browser's own submit is prevented). */
  onSubmit: () => void | Promise<void>;
  /** Resets the form once the dialog has faded out. */
  onExited: () => void;
  children: ReactNode;
}

/** A dialog around a small form: a title, the fields, then Cancel and the submit button. */
export const FormDialog = ({
  open,
  title,
  submitLabel,
  submitColor,
  pending,
  maxWidth = 'sm',
  onClose,
  onSubmit,
  onExited,
  children,
}: FormDialogProps) => {
  const titleId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onSubmit();
  };
  return (
    <Dialog
      open={open}
      onClose={onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth={maxWidth}
      slotProps={{ transition: { onExited } }}
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>{children}</DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" color={submitColor} disabled={pending}>
            {submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
