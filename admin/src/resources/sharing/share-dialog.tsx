import {
  Alert,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
} from '@mui/material';
import { useId } from 'react';
import { useRefresh } from 'react-admin';
import type { Client } from '../../types';
import { AddAccessForm } from './add-access-form';
import { DirectGrants } from './direct-grants';
import { InheritedGrants } from './inherited-grants';
import { useClientAccess } from './use-client-access';

interface ShareDialogProps {
  client: Pick<Client, 'id' | 'displayName'>;
  open: boolean;
  onClose: () => void;
}

/** Who has access to a client, and the owner's changes to it, each applied at once. */
export const ShareDialog = ({ client, open, onClose }: ShareDialogProps) => {
  const titleId = useId();
  const access = useClientAccess(client.id, open);
  const refresh = useRefresh();
  const direct = access.grants?.filter((grant) => !grant.inherited) ?? [];
  const inherited = access.grants?.filter((grant) => grant.inherited) ?? [];

  const close = () => {
    onClose();
    // Contacts given access now show on the client, and one's own role may have changed.
    if (access.changed) refresh();
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="md"
      slotProps={{ transition: { onExited: access.reset } }}
    >
      <DialogTitle id={titleId}>Share {client.displayName}</DialogTitle>
      <DialogContent>
        {access.changeError && (
          <Alert severity="error" sx={{ mb: 2 }}>
            {access.changeError.message}
          </Alert>
        )}
        {access.isLoading && (
          <Stack sx={{ alignItems: 'center' }}>
            <CircularProgress aria-label="Loading who has access" />
          </Stack>
        )}
        {access.loadError && <Alert severity="error">{access.loadError.message}</Alert>}
        {access.grants && (
          <Stack spacing={3}>
            <DirectGrants
              grants={direct}
              disabled={access.isChanging}
              onChangeRole={(grant, role) =>
                access.grant({
                  principalType: grant.principalType,
                  principalId: grant.principalId,
                  role,
                })
              }
              onRemove={(grant) => access.revoke(grant.id)}
            />
            <InheritedGrants grants={inherited} />
            <AddAccessForm
              granted={new Set(direct.map((grant) => grant.id))}
              disabled={access.isChanging}
              onAdd={access.grant}
            />
          </Stack>
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button variant="contained" onClick={close}>
          Done
        </Button>
      </DialogActions>
    </Dialog>
  );
};
