import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type Identifier, useDataProvider } from 'react-admin';
import type { ClientHubDataProvider } from '../../providers/data-provider';
import type { AccessGrant, AccessGrantRequest } from '../../types';

/**
 * A client's grants while the share dialog is open, and the changes made there. Grants and
 * revocations answer with the whole new list, which replaces the cached one.
 */
export const useClientAccess = (clientId: Identifier, enabled: boolean) => {
  const dataProvider = useDataProvider<ClientHubDataProvider>();
  const queryClient = useQueryClient();
  // Keyed under the resource, so react-admin's refresh refetches it too.
  const queryKey = ['clients', 'access', clientId];
  const grants = useQuery({
    queryKey,
    queryFn: () => dataProvider.getClientAccess(clientId),
    enabled,
  });
  // Whether anything changed since the dialog opened (the client page then needs a refresh).
  const [changed, setChanged] = useState(false);
  const change = useMutation({
    mutationFn: (call: () => Promise<AccessGrant[]>) => call(),
    onSuccess: (list) => {
      queryClient.setQueryData(queryKey, list);
      setChanged(true);
    },
  });
  // Resolves to whether it worked; a refusal is left in `changeError` for the dialog to show.
  const run = (call: () => Promise<AccessGrant[]>) =>
    change.mutateAsync(call).then(
      () => true,
      () => false,
    );

  return {
    grants: grants.data,
    loadError: grants.error,
    isLoading: grants.isPending && enabled,
    /** The API's message for the last refused change. */
    changeError: change.error,
    isChanging: change.isPending,
    changed,
    grant: (body: AccessGrantRequest) => run(() => dataProvider.grantClientAccess(clientId, body)),
    revoke: (grantId: string) => run(() => dataProvider.revokeClientAccess(clientId, grantId)),
    /** Forgets the last error and the changed flag, once the dialog is closed. */
    reset: () => {
      change.reset();
      setChanged(false);
    },
  };
};
