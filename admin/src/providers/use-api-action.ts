import { useCallback, useState } from 'react';
import { useDataProvider, useNotify, useRefresh } from 'react-admin';
import type { ClientHubDataProvider } from './data-provider';

export interface ApiActionMessages {
  /** Notified on success. */
  done: string;
  /** Notified when the error carries no message of the API's own. */
  failed: string;
  doneType?: 'success' | 'info';
}

/**
 * Runs one API call on the Client Hub data provider, notifies the outcome (with the API's own
 * message on a refusal) and refreshes the view; resolves to whether it succeeded.
 */
export const useApiAction = () => {
  const dataProvider = useDataProvider<ClientHubDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [isPending, setPending] = useState(false);

  const run = useCallback(
    async (
      call: (provider: ClientHubDataProvider) => Promise<unknown>,
      messages: ApiActionMessages,
    ): Promise<boolean> => {
      setPending(true);
      try {
        await call(dataProvider);
        notify(messages.done, { type: messages.doneType ?? 'success' });
        refresh();
        return true;
      } catch (error) {
        notify(error instanceof Error ? error.message : messages.failed, { type: 'error' });
        return false;
      } finally {
        setPending(false);
      }
    },
    [dataProvider, notify, refresh],
  );

  return { run, isPending };
};
