import { useMutation } from '@tanstack/react-query';
import { useCallback } from 'react';
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
  const { mutateAsync, isPending } = useMutation({
    mutationFn: (request: InviteRequest) => dataProvider.invite(request),
    onError: (error) =>
      notify(error instanceof Error ? error.message : 'Could not send the invitations', {
        type: 'error',
      }),
  });

  /** Resolves to the outcome, or undefined when refused. */
  const invite = useCallback(
    (request: InviteRequest): Promise<InviteResult | undefined> =>
      mutateAsync(request).catch(() => undefined),
    [mutateAsync],
  );

  return { invite, isPending };
};
