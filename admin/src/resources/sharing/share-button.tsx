import ShareIcon from '@mui/icons-material/Share';
import { useState } from 'react';
import { Button, useRecordContext } from 'react-admin';
import type { Client } from '../../types';
import { ShareDialog } from './share-dialog';

/** Opens the share dialog for the client in context; the caller decides who may see it. */
export const ShareButton = () => {
  const client = useRecordContext<Client>();
  const [open, setOpen] = useState(false);
  if (!client) return null;
  return (
    <>
      <Button label="Share" onClick={() => setOpen(true)}>
        <ShareIcon />
      </Button>
      <ShareDialog client={client} open={open} onClose={() => setOpen(false)} />
    </>
  );
};
