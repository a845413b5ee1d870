import { useCallback, useState } from 'react';
import { useDataProvider, useNotify } from 'react-admin';
import type { ClientHubDataProvider } from '../../providers/data-provider';
import type { InviteRequest, InviteResult } from '../../types';

/**
 * Sends invitations; the outcome is for the dialog to show, a refusal is notified as the API words
 * it. The caller refreshes the lists once the outcome has been read: refreshing now would change
 * the very record (or selection) whose button holds the dialog, and unmount it with its summary.
 */
export const useInvite = () => {
  const dataProvider = useDataProvider<ClientHubDataProvider>();
  const notify = useNotify();
  const [isPending, setPending] = useState(false);

  const invite = useCallback(
    async (request: InviteRequest): Promise<InviteResult | undefined> => {
      setPending(true);
      try {
        return await dataProvider.invite(request);
      } catch (error) {
        notify(error instanceof Error ? error.message : 'Could not send the invitations', {
          type: 'error',
        });
        return undefined;
      } finally {
        setPending(false);
      }
    },
    [dataProvider, notify],
  );

  return { invite, isPending };
};
