import { ClientDetails } from './client-details';
import { ClientNotFound } from './client-not-found';
import { LoadFailure } from './load-failure';
import type { PortalApiError } from './portal-api';
import { PortalLanding } from './portal-landing';
import { PortalLoading } from './portal-loading';
import type { PortalClient } from './portal-types';
import { SignedInPage } from './signed-in-page';
import { useApiGet } from './use-api-get';

// 404 for a client that is not the contact's; 400 for an address that is not a client id at all.
const isNotFound = (error: PortalApiError) => error.status === 404 || error.status === 400;

/** /portal/clients/:id: one of the contact's clients; any other reads as not found. */
export const ClientPage = ({ clientId }: { clientId: string }) => {
  // Asked alongside /api/portal/me (in SignedInPage), not after it.
  const [client, retry] = useApiGet<PortalClient>(`/api/portal/clients/${clientId}`);

  if (client.status === 'failed' && client.error.status === 401) return <PortalLanding />;
  const notFound = client.status === 'failed' && isNotFound(client.error);
  const title =
    client.status === 'ok' ? client.data.displayName : notFound ? 'Client not found' : 'Client';

  return (
    <SignedInPage title={title}>
      {() => {
        if (client.status === 'ok') return <ClientDetails client={client.data} />;
        if (client.status === 'loading') return <PortalLoading />;
        if (notFound) return <ClientNotFound />;
        return (
          <LoadFailure
            title="This client could not be opened"
            error={client.error}
            onRetry={retry}
          />
        );
      }}
    </SignedInPage>
  );
};
