import { Stack } from '@mui/material';
import { type FieldProps, useRecordContext } from 'react-admin';
import type { Client } from '../../types';
import { TagChip } from './tag-chip';

/** The client's expanded `tags`, read from the record: no extra request per row. */
export const TagChipsField = (props: Partial<FieldProps<Client>>) => {
  const record = useRecordContext<Client>(props);
  if (!record?.tags?.length) return null;
  return (
    <Stack direction="row" useFlexGap spacing={0.5} sx={{ flexWrap: 'wrap' }}>
      {record.tags.map((tag) => (
        <TagChip key={tag.id} tag={tag} />
      ))}
    </Stack>
  );
};
