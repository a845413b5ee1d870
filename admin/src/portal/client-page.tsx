import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { ClientDetails } from './client-details';
import { ClientNotFound } from './client-not-found';
import { LoadFailure } from './load-failure';
import type { PortalApiError } from './portal-api';
import { PortalLanding } from './portal-landing';
import { PortalLoading } from './portal-loading';
import type { PortalClient } from './portal-types';
import { SignedInPage } from './signed-in-page';

// 404 for a client that is not the contact's; 400 for an address that is not a client id at all.
const isNotFound = (error: PortalApiError) => error.status === 404 || error.status === 400;

/** /portal/clients/:clientId: one of the contact's clients; any other reads as not found. */
export const ClientPage = () => {
  const { clientId = '' } = useParams();
  // Asked alongside /api/portal/me (in SignedInPage), not after it.
  const client = useQuery<PortalClient, PortalApiError>({
    queryKey: [`/api/portal/clients/${encodeURIComponent(clientId)}`],
  });

  if (client.isError && client.error.status === 401) return <PortalLanding />;
  const notFound = client.isError && isNotFound(client.error);
  const title = client.isSuccess
    ? client.data.displayName
    : notFound
      ? 'Client not found'
      : 'Client';

  return (
    <SignedInPage title={title}>
      {() => {
        if (client.isSuccess) return <ClientDetails client={client.data} />;
        if (client.isPending) return <PortalLoading />;
        if (notFound) return <ClientNotFound />;
        return (
          <LoadFailure
            title="This client could not be opened"
            error={client.error}
            onRetry={() => void client.refetch()}
          />
        );
      }}
    </SignedInPage>
  );
};
