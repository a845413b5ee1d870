import { useQuery } from '@tanstack/react-query';
import { type Identifier, useDataProvider } from 'react-admin';
import type { ClientHubDataProvider } from '../../providers/data-provider';

/** The client's files; keyed under the resource, so react-admin's refresh refetches them too. */
export const useClientFiles = (clientId: Identifier) => {
  const dataProvider = useDataProvider<ClientHubDataProvider>();
  return useQuery({
    queryKey: ['clients', 'files', clientId],
    queryFn: () => dataProvider.getClientFiles(clientId),
  });
};
