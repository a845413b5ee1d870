import { useGetOne } from 'react-admin';
import type { Settings } from '../../types';

/**
 * The firm settings campaigns use (Staff Admins, like campaigns, may read them): the sending
 * domains and default sender, and whether email really leaves (`keptLocally` without Resend).
 */
export const useFirmSettings = () => {
  const { data, isPending, error } = useGetOne<Settings>(
    'settings',
    { id: 'firm' },
    { staleTime: 60_000 },
  );
  return { settings: data, isPending, error, keptLocally: data?.emailDelivery === 'outbox' };
};
