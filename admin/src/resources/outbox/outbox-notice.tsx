import { Alert } from '@mui/material';
import { useGetOne } from 'react-admin';
import type { Settings } from '../../types';

/** Says so when mail is only recorded here, so nobody waits for a message that never left. */
export const OutboxNotice = () => {
  const { data: settings } = useGetOne<Settings>('settings', { id: 'firm' });
  if (settings?.emailDelivery !== 'outbox') return null;
  return (
    <Alert severity="info" sx={{ mt: 2 }}>
      Email is not configured (no RESEND_API_KEY): messages are kept here and nothing leaves this
      machine.
    </Alert>
  );
};
