import {
  Alert,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@mui/material';
import { useId, useState } from 'react';
import { Form, Link, useGetOne, useRefresh } from 'react-admin';
import type { InviteResult, InviteTarget, PendingInvitations, Settings } from '../../types';
import { isClientTarget } from './invite-target';
import { InviteSummary } from './invite-summary';
import { senderDefaults, senderEmail, SenderInputs, type SenderValues } from './sender-inputs';
import { useInvite } from './use-invite';

interface InviteFormProps {
  target: InviteTarget;
  pending?: PendingInvitations;
  /** Who is being invited, in words with the count: "3 selected clients", "Ada Lovelace". */
  subject: string;
  onClose: () => void;
  onSent: (result: InviteResult) => void;
}

const NoSendingDomain = ({ onClose }: { onClose: () => void }) => (
  <>
    <DialogContent>
      <Alert severity="warning">
        The firm has no sending domain yet, so invitations cannot be sent. Add one in{' '}
        <Link to="/settings">Settings</Link>.
      </Alert>
    </DialogContent>
    <DialogActions sx={{ px: 3, pb: 2 }}>
      <Button onClick={onClose}>Close</Button>
    </DialogActions>
  </>
);

const InviteForm = ({ target, pending, subject, onClose, onSent }: InviteFormProps) => {
  const { data: settings, isPending, error } = useGetOne<Settings>('settings', { id: 'firm' });
  const { invite, isPending: isSending } = useInvite();

  if (isPending) {
    return (
      <DialogContent sx={{ textAlign: 'center' }}>
        <CircularProgress aria-label="Loading the firm's sending domains" />
      </DialogContent>
    );
  }
  if (error || !settings) {
    return (
      <DialogContent>
        <Alert severity="error">{error?.message ?? 'Could not load the firm settings'}</Alert>
      </DialogContent>
    );
  }
  if (settings.sendingDomains.length === 0) return <NoSendingDomain onClose={onClose} />;

  const send = async (values: Partial<SenderValues>) => {
    const result = await invite({
      ...target,
      senderEmail: senderEmail(values as SenderValues),
      pending,
    });
    if (result) onSent(result);
  };

  return (
    <Form defaultValues={senderDefaults(settings)} onSubmit={send}>
      <DialogContent>
        <DialogContentText sx={{ mb: 1 }}>
          {subject} will be invited
          {isClientTarget(target) && ' (each client through its primary contact)'}.
        </DialogContentText>
        <DialogContentText sx={{ mb: 2 }}>
          {pending === 'resend'
            ? 'Contacts whose invitation is still pending get a new link; their old link stops working.'
            : 'Contacts who already have a pending invitation are skipped.'}
        </DialogContentText>
        <SenderInputs domains={settings.sendingDomains} />
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="contained" disabled={isSending}>
          Send invitations
        </Button>
      </DialogActions>
    </Form>
  );
};

interface InviteDialogProps extends Omit<InviteFormProps, 'onClose' | 'onSent'> {
  open: boolean;
  onClose: () => void;
  /** Called when the dialog closes after invitations went out (e.g. to clear a selection). */
  onDone?: () => void;
}

/**
 * The one invitation dialog, for a single record, a selection or a whole filtered list: pick the
 * sender, send, then read what was done and what was skipped.
 */
export const InviteDialog = ({ open, onClose, onDone, ...formProps }: InviteDialogProps) => {
  const titleId = useId();
  const [result, setResult] = useState<InviteResult>();
  const refresh = useRefresh();

  const close = () => {
    onClose();
    if (result) {
      onDone?.();
      // Portal statuses have moved on: the page behind shows it once the summary was read.
      // Not sooner: the button holding this dialog may go with the status it acted on.
      refresh();
    }
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
      // Forget the outcome only once it is out of sight, so the dialog does not flicker back.
      slotProps={{ transition: { onExited: () => setResult(undefined) } }}
    >
      <DialogTitle id={titleId}>Invite to Client Hub</DialogTitle>
      {result ? (
        <>
          <DialogContent>
            <InviteSummary result={result} />
          </DialogContent>
          <DialogActions sx={{ px: 3, pb: 2 }}>
            <Button variant="contained" onClick={close}>
              Done
            </Button>
          </DialogActions>
        </>
      ) : (
        <InviteForm {...formProps} onClose={close} onSent={setResult} />
      )}
    </Dialog>
  );
};
