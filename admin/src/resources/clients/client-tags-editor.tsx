import AddIcon from '@mui/icons-material/Add';
import CancelIcon from '@mui/icons-material/Cancel';
import { Button, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useCanAccess, useRecordContext } from 'react-admin';
import type { Client } from '../../types';
import { TagChip } from '../tags/tag-chip';
import { TagsDialog } from './tags-dialog';
import { useUpdateClientTags } from './use-update-client-tags';

/** Tag chips on the client page: removable in place, with "Add tags" for more. */
export const ClientTagsEditor = () => {
  const client = useRecordContext<Client>();
  const { canAccess: canTag } = useCanAccess({ resource: 'clients', action: 'tag' });
  const { updateTags, isPending } = useUpdateClientTags();
  const [adding, setAdding] = useState(false);
  if (!client) return null;

  return (
    <Stack direction="row" useFlexGap spacing={1} sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
      {client.tags.map((tag) => (
        <TagChip
          key={tag.id}
          tag={tag}
          onDelete={canTag ? () => updateTags({ ids: [client.id], remove: [tag.id] }) : undefined}
          disabled={isPending}
          deleteIcon={<CancelIcon titleAccess={`Remove tag ${tag.name}`} />}
        />
      ))}
      {client.tags.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          No tags
        </Typography>
      )}
      {canTag && (
        <>
          <Button size="small" startIcon={<AddIcon />} onClick={() => setAdding(true)}>
            Add tags
          </Button>
          <TagsDialog
            mode="add"
            clientIds={[client.id]}
            subject={client.displayName}
            open={adding}
            onClose={() => setAdding(false)}
          />
        </>
      )}
    </Stack>
  );
};
