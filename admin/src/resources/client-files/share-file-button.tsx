import PeopleOutlineIcon from '@mui/icons-material/PeopleOutline';
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControlLabel,
  FormGroup,
  IconButton,
  Tooltip,
  Typography,
} from '@mui/material';
import { useId, useState } from 'react';
import { type Identifier, useGetList } from 'react-admin';
import { useApiAction } from '../../providers/use-api-action';
import type { ClientFile, Contact } from '../../types';

interface ShareFileDialogProps {
  file: ClientFile;
  onClose: () => void;
}

/** Checkboxes of the client's contacts; saving replaces who sees the file in the portal. */
const ShareFileDialog = ({ file, onClose }: ShareFileDialogProps) => {
  const titleId = useId();
  const { data: contacts, isPending: loading } = useGetList<Contact>('contacts', {
    filter: { clientId: file.clientId },
    sort: { field: 'displayName', order: 'ASC' },
    pagination: { page: 1, perPage: 100 },
  });
  const [chosen, setChosen] = useState(() => new Set<Identifier>(file.sharedWithContactIds));
  const { run, isPending: saving } = useApiAction();

  const toggle = (id: Identifier, checked: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });
  const save = async () => {
    const done = await run((provider) => provider.setFileShares(file.id, [...chosen]), {
      done: `Sharing of ${file.name} updated`,
      failed: 'The sharing could not be changed',
    });
    if (done) onClose();
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <DialogTitle id={titleId}>{`Share ${file.name}`}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 1 }}>
          The contacts ticked see and download the file in their portal.
        </DialogContentText>
        {!loading && !contacts?.length && (
          <Typography variant="body2" color="text.secondary">
            This client has no contacts yet.
          </Typography>
        )}
        <FormGroup>
          {contacts?.map((contact) => (
            <FormControlLabel
              key={contact.id}
              control={
                <Checkbox
                  checked={chosen.has(contact.id)}
                  onChange={(event) => toggle(contact.id, event.target.checked)}
                />
              }
              label={
                contact.email ? `${contact.displayName} (${contact.email})` : contact.displayName
              }
            />
          ))}
        </FormGroup>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" onClick={save} disabled={loading || saving}>
          Save
        </Button>
      </DialogActions>
    </Dialog>
  );
};

/** Opens the share dialog (mounted only while open, so it starts from the file's current shares). */
export const ShareFileButton = ({ file }: { file: ClientFile }) => {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Tooltip title="Share" describeChild>
        <IconButton aria-label={`Share ${file.name}`} size="small" onClick={() => setOpen(true)}>
          <PeopleOutlineIcon fontSize="small" />
        </IconButton>
      </Tooltip>
      {open && <ShareFileDialog file={file} onClose={() => setOpen(false)} />}
    </>
  );
};
