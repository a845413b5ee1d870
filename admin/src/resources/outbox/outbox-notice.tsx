import { Alert } from '@mui/material';
import { useListContext } from 'react-admin';
import type { OutboxMessage } from '../../types';

/**
 * Says so when mail is only recorded here, so nobody waits for a message that never left.
 * Read from the messages themselves: the firm settings are for Staff Admins only.
 */
export const OutboxNotice = () => {
  const { data } = useListContext<OutboxMessage>();
  if (!data?.some((message) => message.status === 'recorded')) return null;
  return (
    <Alert severity="info" sx={{ mt: 2 }}>
      Email is not configured (no RESEND_API_KEY): messages are kept here and nothing leaves this
      machine.
    </Alert>
  );
};
