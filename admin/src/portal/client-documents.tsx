import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { DocumentList } from './document-list';
import { DocumentUpload } from './document-upload';
import type { PortalApiError } from './portal-api';
import { PortalLoading } from './portal-loading';
import type { PortalClient, PortalFile } from './portal-types';

/** The client's documents the contact sees, and (for collaborators) adding one. */
export const ClientDocuments = ({ client }: { client: PortalClient }) => {
  const headingId = useId();
  const queryKey = [`/api/portal/clients/${client.id}/files`];
  const files = useQuery<PortalFile[], PortalApiError>({ queryKey });
  const queryClient = useQueryClient();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>Documents</h2>
      {files.isPending && <PortalLoading />}
      {files.isSuccess && <DocumentList files={files.data} />}
      {files.isError && (
        <>
          <p className="portal-error" role="alert">
            {files.error.message}
          </p>
          <button
            type="button"
            className="portal-button portal-button-quiet"
            onClick={() => void files.refetch()}
          >
            Try again
          </button>
        </>
      )}
      {client.canContribute && (
        <DocumentUpload
          clientId={client.id}
          onUploaded={() => void queryClient.invalidateQueries({ queryKey })}
        />
      )}
    </section>
  );
};
