import { useId } from 'react';
import { DocumentList } from './document-list';
import { DocumentUpload } from './document-upload';
import { PortalLoading } from './portal-loading';
import type { PortalClient, PortalFile } from './portal-types';
import { useApiGet } from './use-api-get';

/** The client's documents the contact sees, and (for collaborators) adding one. */
export const ClientDocuments = ({ client }: { client: PortalClient }) => {
  const headingId = useId();
  const [files, retry, refresh] = useApiGet<PortalFile[]>(`/api/portal/clients/${client.id}/files`);
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>Documents</h2>
      {files.status === 'loading' && <PortalLoading />}
      {files.status === 'ok' && <DocumentList files={files.data} />}
      {files.status === 'failed' && (
        <>
          <p className="portal-error" role="alert">
            {files.error.message}
          </p>
          <button type="button" className="portal-button portal-button-quiet" onClick={retry}>
            Try again
          </button>
        </>
      )}
      {client.canContribute && <DocumentUpload clientId={client.id} onUploaded={refresh} />}
    </section>
  );
};
