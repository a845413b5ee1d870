import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import { IconButton, Tooltip } from '@mui/material';
import { useState } from 'react';
import { Confirm } from 'react-admin';
import { useApiAction } from '../../providers/use-api-action';
import type { ClientFile } from '../../types';

/** Deletes the file, with all its versions, once confirmed. */
export const DeleteFileButton = ({ file }: { file: ClientFile }) => {
  const [open, setOpen] = useState(false);
  const { run, isPending } = useApiAction();
  return (
    <>
      <Tooltip title="Delete" describeChild>
        <IconButton aria-label={`Delete ${file.name}`} size="small" onClick={() => setOpen(true)}>
          <DeleteOutlineIcon fontSize="small" />
        </IconButton>
      </Tooltip>
      <Confirm
        isOpen={open}
        loading={isPending}
        title={`Delete ${file.name}?`}
        content={
          file.versions.length > 1
            ? `All ${file.versions.length} versions go, for staff and contacts alike.`
            : 'The file goes, for staff and contacts alike.'
        }
        confirm="Delete"
        confirmColor="warning"
        onClose={() => setOpen(false)}
        onConfirm={async () => {
          const done = await run((provider) => provider.deleteClientFile(file.id), {
            done: `${file.name} deleted`,
            failed: 'The file could not be deleted',
          });
          if (done) setOpen(false);
        }}
      />
    </>
  );
};
