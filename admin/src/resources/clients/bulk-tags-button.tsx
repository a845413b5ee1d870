import LabelOffOutlinedIcon from '@mui/icons-material/LabelOffOutlined';
import NewLabelOutlinedIcon from '@mui/icons-material/NewLabelOutlined';
import { useState } from 'react';
import { Button, useListContext } from 'react-admin';
import { TagsDialog, type TagsDialogMode } from './tags-dialog';

const labels = { add: 'Assign tags', remove: 'Remove tags' };

/** Bulk action on the selected clients: opens the tags dialog, clears the selection when done. */
export const BulkTagsButton = ({ mode }: { mode: TagsDialogMode }) => {
  const { selectedIds, onUnselectItems } = useListContext();
  const [open, setOpen] = useState(false);
  const count = selectedIds.length;
  return (
    <>
      <Button label={labels[mode]} onClick={() => setOpen(true)}>
        {mode === 'add' ? <NewLabelOutlinedIcon /> : <LabelOffOutlinedIcon />}
      </Button>
      <TagsDialog
        mode={mode}
        clientIds={selectedIds}
        subject={count === 1 ? '1 selected client' : `${count} selected clients`}
        open={open}
        onClose={() => setOpen(false)}
        onDone={() => onUnselectItems()}
      />
    </>
  );
};
