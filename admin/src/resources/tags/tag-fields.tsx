import { Box, Stack, Typography } from '@mui/material';
import type { MouseEvent } from 'react';
import { type FieldProps, Link, useRecordContext } from 'react-admin';
import type { Tag } from '../../types';

export const TagSwatchField = (props: Partial<FieldProps<Tag>>) => {
  const tag = useRecordContext<Tag>(props);
  if (!tag) return null;
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <Box sx={{ width: 18, height: 18, borderRadius: '50%', bgcolor: tag.color, flexShrink: 0 }} />
      <Typography variant="body2" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
        {tag.color}
      </Typography>
    </Stack>
  );
};

/** The count links to the clients list filtered on this tag. */
export const TagClientCountField = (props: Partial<FieldProps<Tag>>) => {
  const tag = useRecordContext<Tag>(props);
  if (!tag) return null;
  const filter = JSON.stringify({ tagIds: [tag.id] });
  return (
    <Link
      to={{ pathname: '/clients', search: `filter=${encodeURIComponent(filter)}` }}
      // Keep the row's own click (edit) from firing as well.
      onClick={(event: MouseEvent) => event.stopPropagation()}
      aria-label={`${tag.clientCount} clients tagged ${tag.name}`}
    >
      {tag.clientCount}
    </Link>
  );
};
