import BookmarkAddOutlinedIcon from '@mui/icons-material/BookmarkAddOutlined';
import { Alert, Button, DialogContentText, TextField } from '@mui/material';
import { useState } from 'react';
import { useCanAccess, useCreate, useListContext, useNotify } from 'react-admin';
import { FormDialog } from '../../components/form-dialog';
import type { Segment, SegmentFilter } from '../../types';
import { cleanSegmentFilter } from '../segments/segment-filter';
import { SegmentFilterText } from '../segments/segment-filter-field';

interface SaveSegmentDialogProps {
  open: boolean;
  filter: SegmentFilter;
  onClose: () => void;
}

/** Asks for a name, then saves the filter as it is (the segment recounts it every time). */
const SaveSegmentDialog = ({ open, filter, onClose }: SaveSegmentDialogProps) => {
  const notify = useNotify();
  const [create, { isPending }] = useCreate<Segment>();
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<string>();
  const missing = name.trim() === '';

  const submit = async () => {
    setTouched(true);
    if (missing) return;
    setError(undefined);
    try {
      await create('segments', { data: { name: name.trim(), filter } }, { returnPromise: true });
      notify(`Segment "${name.trim()}" saved`, { type: 'success' });
      onClose();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'Could not save the segment');
    }
  };

  return (
    <FormDialog
      open={open}
      title="Save as segment"
      submitLabel="Save segment"
      pending={isPending}
      onClose={onClose}
      onSubmit={submit}
      onExited={() => {
        setName('');
        setTouched(false);
        setError(undefined);
      }}
    >
      <DialogContentText sx={{ mb: 1 }}>
        Filter: <SegmentFilterText filter={filter} />
      </DialogContentText>
      <DialogContentText variant="body2" sx={{ mb: 2 }}>
        The segment keeps the filter, not today&apos;s clients: it is matched again whenever it is
        used.
      </DialogContentText>
      <TextField
        label="Segment name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        onBlur={() => setTouched(true)}
        error={touched && missing}
        helperText={touched && missing ? 'Give the segment a name' : ' '}
        slotProps={{ htmlInput: { maxLength: 100 } }}
        required
        fullWidth
        autoFocus
      />
      {error && <Alert severity="error">{error}</Alert>}
    </FormDialog>
  );
};

/** Staff Admins save the clients list's current filter as a segment, for campaigns. */
export const SaveSegmentButton = () => {
  const { canAccess } = useCanAccess({ resource: 'segments', action: 'create' });
  const { filterValues } = useListContext();
  const [open, setOpen] = useState(false);
  if (!canAccess) return null;
  return (
    <>
      <Button
        size="small"
        startIcon={<BookmarkAddOutlinedIcon />}
        onClick={() => setOpen(true)}
        sx={{ textTransform: 'none' }}
      >
        Save as segment
      </Button>
      <SaveSegmentDialog
        open={open}
        filter={cleanSegmentFilter(filterValues)}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
