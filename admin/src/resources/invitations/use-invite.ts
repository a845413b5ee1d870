import { useCallback, useState } from 'react';
import { useDataProvider, useNotify, useRefresh } from 'react-admin';
import type { ClientHubDataProvider } from '../../providers/data-provider';
import type { InviteRequest, InviteResult } from '../../types';

/** Sends invitations; the outcome is for the dialog to show, a refusal is notified as the API words it. */
export const useInvite = () => {
  const dataProvider = useDataProvider<ClientHubDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [isPending, setPending] = useState(false);

  const invite = useCallback(
    async (request: InviteRequest): Promise<InviteResult | undefined> => {
      setPending(true);
      try {
        const result = await dataProvider.invite(request);
        // Portal statuses have moved on: the lists behind the dialog show it.
        refresh();
        return result;
      } catch (error) {
        notify(error instanceof Error ? error.message : 'Could not send the invitations', {
          type: 'error',
        });
        return undefined;
      } finally {
        setPending(false);
      }
    },
    [dataProvider, notify, refresh],
  );

  return { invite, isPending };
};
