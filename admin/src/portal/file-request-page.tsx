import { useId, useState } from 'react';
import { FileRequestDetails } from './file-request-details';
import { LoadFailure } from './load-failure';
import type { PortalApiError } from './portal-api';
import { PortalLanding } from './portal-landing';
import { PortalLink } from './portal-link';
import { PortalLoading } from './portal-loading';
import type { PortalFileRequest } from './portal-types';
import { SignedInPage } from './signed-in-page';
import { useApiGet } from './use-api-get';

// 404 for a request the contact is not a recipient of; 400 for an address that is no request id.
const isNotFound = (error: PortalApiError) => error.status === 404 || error.status === 400;

/** /portal/requests/:id (where request emails link): the documents asked for, item by item. */
export const FileRequestPage = ({ requestId }: { requestId: string }) => {
  // Asked alongside /api/portal/me (in SignedInPage), not after it.
  const [loaded, retry, refresh] = useApiGet<PortalFileRequest>(
    `/api/portal/file-requests/${requestId}`,
  );
  // What the last upload or "not applicable" answered, until a reload brings a newer answer.
  const [changed, setChanged] = useState<{
    after: PortalFileRequest;
    request: PortalFileRequest;
  }>();

  if (loaded.status === 'failed' && loaded.error.status === 401) return <PortalLanding />;
  const notFound = loaded.status === 'failed' && isNotFound(loaded.error);
  const shown = (data: PortalFileRequest) => (changed?.after === data ? changed.request : data);
  const title =
    loaded.status === 'ok'
      ? shown(loaded.data).subject
      : notFound
        ? 'Request not found'
        : 'Request';

  return (
    <SignedInPage title={title}>
      {() => {
        if (loaded.status === 'ok') {
          const after = loaded.data;
          return (
            <FileRequestDetails
              request={shown(after)}
              onChange={(request) => setChanged({ after, request })}
              onStale={refresh}
            />
          );
        }
        if (loaded.status === 'loading') return <PortalLoading />;
        if (notFound) return <RequestNotFound />;
        return (
          <LoadFailure
            title="This request could not be opened"
            error={loaded.error}
            onRetry={retry}
          />
        );
      }}
    </SignedInPage>
  );
};

/** A request sent to someone else looks the same as one that does not exist. */
const RequestNotFound = () => {
  const headingId = useId();
  return (
    <section className="portal-card" aria-labelledby={headingId}>
      <h1 id={headingId}>Request not found</h1>
      <p>
        This request is not in your portal. It may have been sent to someone else; if you expected
        to see it here, ask your firm.
      </p>
      <PortalLink href="/portal/" className="portal-button">
        Back to your portal
      </PortalLink>
    </section>
  );
};
