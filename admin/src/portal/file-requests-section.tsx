import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { FileRequestList } from './file-request-list';
import type { PortalApiError } from './portal-api';
import { PortalLoading } from './portal-loading';
import type { PortalFileRequest } from './portal-types';

interface FileRequestsSectionProps {
  heading: string;
  /** Only this client's requests (a client's page); all of the contact's otherwise (home). */
  clientId?: string;
  /** Said when nothing is open. */
  emptyText: string;
}

/**
 * The documents the firm asked the contact for. On a client's page the section only appears once
 * that client has a request; on the home page it is always there.
 */
export const FileRequestsSection = ({ heading, clientId, emptyText }: FileRequestsSectionProps) => {
  const headingId = useId();
  const requests = useQuery<PortalFileRequest[], PortalApiError>({
    queryKey: ['/api/portal/file-requests'],
  });
  const shown = requests.isSuccess
    ? requests.data.filter((request) => !clientId || request.clientId === clientId)
    : [];
  if (clientId && (requests.isPending || (requests.isSuccess && !shown.length))) {
    return null;
  }

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      {requests.isPending && <PortalLoading label="Loading your requests…" />}
      {requests.isSuccess && (
        <FileRequestList requests={shown} showClient={!clientId} emptyText={emptyText} />
      )}
      {requests.isError && (
        <>
          <p className="portal-error" role="alert">
            Your requests could not be loaded: {requests.error.message}
          </p>
          <button
            type="button"
            className="portal-button portal-button-quiet"
            onClick={() => void requests.refetch()}
          >
            Try again
          </button>
        </>
      )}
    </section>
  );
};
