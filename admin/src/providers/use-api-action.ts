import { useMutation } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useDataProvider, useNotify, useRefresh } from 'react-admin';
import type { ClientHubDataProvider } from './data-provider';

export interface ApiActionMessages {
  /** Notified on success. */
  done: string;
  /** Notified when the error carries no message of the API's own. */
  failed: string;
  doneType?: 'success' | 'info';
}

interface ApiAction {
  call: (provider: ClientHubDataProvider) => Promise<unknown>;
  messages: ApiActionMessages;
}

/**
 * Runs one call of the Client Hub data provider as a mutation, notifies the outcome (with the
 * API's own message on a refusal) and refreshes the view; `run` resolves to whether it succeeded,
 * `isPending` is the mutation's.
 */
export const useApiAction = () => {
  const dataProvider = useDataProvider<ClientHubDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const { mutateAsync, isPending } = useMutation({
    mutationFn: ({ call }: ApiAction) => call(dataProvider),
    onSuccess: (_answer, { messages }) => {
      notify(messages.done, { type: messages.doneType ?? 'success' });
      refresh();
    },
    onError: (error, { messages }) => {
      notify(error instanceof Error ? error.message : messages.failed, { type: 'error' });
    },
  });

  const run = useCallback(
    (call: ApiAction['call'], messages: ApiActionMessages): Promise<boolean> =>
      mutateAsync({ call, messages }).then(
        () => true,
        () => false,
      ),
    [mutateAsync],
  );

  return { run, isPending };
};
