import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@mui/material';
import { useId } from 'react';
import { Form, FormDataConsumer, type Identifier } from 'react-admin';
import { TagReferenceInput } from '../tags/tag-reference-input';
import { useUpdateClientTags } from './use-update-client-tags';

export type TagsDialogMode = 'add' | 'remove';

interface TagsDialogProps {
  mode: TagsDialogMode;
  clientIds: Identifier[];
  /** Who is being tagged, in words: "3 selected clients", "Jane Doe". */
  subject: string;
  open: boolean;
  onClose: () => void;
  onDone?: () => void;
}

const copy = {
  add: {
    title: 'Assign tags',
    text: (subject: string) =>
      `Choose tags to add to ${subject}. Type a new name to create a tag on the spot.`,
  },
  remove: {
    title: 'Remove tags',
    text: (subject: string) => `Choose tags to remove from ${subject}.`,
  },
};

/** One dialog for both directions of tag assignment, on one or many clients. */
export const TagsDialog = ({
  mode,
  clientIds,
  subject,
  open,
  onClose,
  onDone,
}: TagsDialogProps) => {
  const titleId = useId();
  const { updateTags, isPending } = useUpdateClientTags();

  const apply = async ({ tagIds }: { tagIds?: Identifier[] }) => {
    const chosen = tagIds ?? [];
    const done = await updateTags({
      ids: clientIds,
      add: mode === 'add' ? chosen : [],
      remove: mode === 'remove' ? chosen : [],
    });
    if (done) {
      onClose();
      onDone?.();
    }
  };

  return (
    <Dialog open={open} onClose={onClose} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <Form onSubmit={apply}>
        <DialogTitle id={titleId}>{copy[mode].title}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{copy[mode].text(subject)}</DialogContentText>
          <TagReferenceInput source="tagIds" allowCreate={mode === 'add'} helperText={false} />
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={onClose}>Cancel</Button>
          <FormDataConsumer<{ tagIds?: Identifier[] }>>
            {({ formData }) => (
              <Button
                type="submit"
                variant="contained"
                disabled={isPending || !formData.tagIds?.length}
              >
                Apply
              </Button>
            )}
          </FormDataConsumer>
        </DialogActions>
      </Form>
    </Dialog>
  );
};
