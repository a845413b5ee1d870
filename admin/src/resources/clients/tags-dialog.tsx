import {
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
} from '@mui/material';
import { useEffect, useId, useState } from 'react';
import { Form, FormDataConsumer, type Identifier, useCreateSuggestionContext } from 'react-admin';
import { TagReferenceInput } from '../tags/tag-reference-input';
import { useCreateTag } from '../tags/use-create-tag';
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
      `Choose tags to add to ${subject}. Type a new name for a new tag: it is created when you apply.`,
  },
  remove: {
    title: 'Remove tags',
    text: (subject: string) => `Choose tags to remove from ${subject}.`,
  },
};

/** "Create tag …" in the dialog: notes the name for Apply, and leaves the input as it was. */
const StageNewTag = ({ onStage }: { onStage: (name: string) => void }) => {
  const { filter, onCancel } = useCreateSuggestionContext();
  useEffect(() => {
    onStage(filter ?? '');
    onCancel();
    // Once per "Create tag …" choice: the element is mounted for it and then closed.
  }, []);
  return null;
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
  const createTag = useCreateTag();
  // Tags typed as new are created on Apply only: Cancel leaves no tag behind.
  const [newNames, setNewNames] = useState<string[]>([]);
  const stage = (name: string) => {
    const trimmed = name.trim();
    if (trimmed && !newNames.some((n) => n.toLowerCase() === trimmed.toLowerCase())) {
      setNewNames([...newNames, trimmed]);
    }
  };
  const close = () => {
    setNewNames([]);
    onClose();
  };

  const apply = async ({ tagIds }: { tagIds?: Identifier[] }) => {
    const chosen = [...(tagIds ?? [])];
    for (const name of newNames) {
      const tag = await createTag(name);
      if (!tag) return;
      chosen.push(tag.id);
      setNewNames((names) => names.filter((n) => n !== name));
    }
    const done = await updateTags({
      ids: clientIds,
      add: mode === 'add' ? chosen : [],
      remove: mode === 'remove' ? chosen : [],
    });
    if (done) {
      close();
      onDone?.();
    }
  };

  return (
    <Dialog open={open} onClose={close} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <Form onSubmit={apply}>
        <DialogTitle id={titleId}>{copy[mode].title}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{copy[mode].text(subject)}</DialogContentText>
          <TagReferenceInput
            source="tagIds"
            allowCreate={mode === 'add'}
            create={<StageNewTag onStage={stage} />}
            helperText={false}
          />
          {newNames.length > 0 && (
            <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" sx={{ mt: 1 }}>
              {newNames.map((name) => (
                <Chip
                  key={name}
                  label={`New: ${name}`}
                  onDelete={() => setNewNames(newNames.filter((n) => n !== name))}
                />
              ))}
            </Stack>
          )}
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={close}>Cancel</Button>
          <FormDataConsumer<{ tagIds?: Identifier[] }>>
            {({ formData }) => (
              <Button
                type="submit"
                variant="contained"
                disabled={isPending || !(formData.tagIds?.length || newNames.length)}
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
