import { Box, Button, Typography } from '@mui/material';
import { useId } from 'react';
import { useFormContext } from 'react-hook-form';
import { mergeFields } from './campaign-choices';

/**
 * The merge fields, each with what it becomes; a click inserts it into the message where the
 * cursor was (at the end if the message was never focused).
 */
export const MergeFieldHelp = ({ bodyInputId }: { bodyInputId: string }) => {
  const titleId = useId();
  const { getValues, setValue } = useFormContext();

  const insert = (name: string) => {
    const token = `{{${name}}}`;
    const text = String(getValues('body') ?? '');
    const textarea = document.getElementById(bodyInputId) as HTMLTextAreaElement | null;
    const start = textarea?.selectionStart ?? text.length;
    const end = textarea?.selectionEnd ?? text.length;
    setValue('body', `${text.slice(0, start)}${token}${text.slice(end)}`, {
      shouldDirty: true,
      shouldTouch: true,
      shouldValidate: true,
    });
    requestAnimationFrame(() => {
      textarea?.focus();
      textarea?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  return (
    <Box component="section" aria-labelledby={titleId} sx={{ mb: 2 }}>
      <Typography variant="subtitle2" component="h3" id={titleId}>
        Merge fields
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 0.5 }}>
        Each recipient gets their own values, in the subject or the message. Click one to insert it
        into the message.
      </Typography>
      <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 0.25 }}>
        {mergeFields.map(({ name, description }) => (
          <Box component="li" key={name} sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            <Button
              size="small"
              variant="outlined"
              aria-label={`Insert {{${name}}}`}
              onClick={() => insert(name)}
              sx={{ fontFamily: 'monospace', textTransform: 'none', minWidth: 140, py: 0 }}
            >
              {`{{${name}}}`}
            </Button>
            <Typography variant="body2" color="text.secondary">
              {description}
            </Typography>
          </Box>
        ))}
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        Markdown: **bold**, *italic*, [a link](https://example.com), lists with “- ”. HTML is shown
        as text. Every email ends with an unsubscribe link.
      </Typography>
    </Box>
  );
};
