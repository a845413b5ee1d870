import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { Link, useParams } from 'react-router-dom';
import { FileRequestDetails } from './file-request-details';
import { LoadFailure } from './load-failure';
import type { PortalApiError } from './portal-api';
import { PortalLanding } from './portal-landing';
import { PortalLoading } from './portal-loading';
import type { PortalFileRequest } from './portal-types';
import { SignedInPage } from './signed-in-page';

// 404 for a request the contact is not a recipient of; 400 for an address that is no request id.
const isNotFound = (error: PortalApiError) => error.status === 404 || error.status === 400;

/** /portal/requests/:requestId (where request emails link): the documents asked for, item by item. */
export const FileRequestPage = () => {
  const { requestId = '' } = useParams();
  const queryKey = [`/api/portal/file-requests/${encodeURIComponent(requestId)}`];
  // Asked alongside /api/portal/me (in SignedInPage), not after it.
  const loaded = useQuery<PortalFileRequest, PortalApiError>({ queryKey });
  const queryClient = useQueryClient();

  if (loaded.isError && loaded.error.status === 401) return <PortalLanding />;
  const notFound = loaded.isError && isNotFound(loaded.error);
  const title = loaded.isSuccess ? loaded.data.subject : notFound ? 'Request not found' : 'Request';

  return (
    <SignedInPage title={title}>
      {() => {
        if (loaded.isSuccess) {
          return (
            <FileRequestDetails
              request={loaded.data}
              // What an upload or "not applicable" answered, until a reload brings a newer answer.
              onChange={(request) => queryClient.setQueryData(queryKey, request)}
              onStale={() => void queryClient.invalidateQueries({ queryKey })}
            />
          );
        }
        if (loaded.isPending) return <PortalLoading />;
        if (notFound) return <RequestNotFound />;
        return (
          <LoadFailure
            title="This request could not be opened"
            error={loaded.error}
            onRetry={() => void loaded.refetch()}
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
      <Link to="/portal/" className="portal-button">
        Back to your portal
      </Link>
    </section>
  );
};
