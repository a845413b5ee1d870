import { Link } from 'react-router-dom';
import { formatSize } from '../shared/format-size';
import type { PortalFile } from './portal-types';
import { usePortalTime } from './portal-time';

/**
 * The contact's files of a client, each name downloading the latest version. Two files may
 * share a name: the version, who sent it, when, and the request it answered tell them apart.
 */
export const DocumentList = ({ files }: { files: PortalFile[] }) => {
  const time = usePortalTime();
  if (!files.length) return <p>No documents yet.</p>;
  return (
    <ul className="portal-list portal-documents" aria-label="Your documents">
      {files.map((file) => (
        <li key={file.id}>
          <a className="portal-list-link" href={`/api/portal/files/${file.id}/download`} download>
            {file.name}
          </a>
          <span className="portal-document-facts">
            {[
              `v${file.version}`,
              formatSize(file.size),
              file.versions[0]?.uploadedBy && `uploaded by ${file.versions[0].uploadedBy.name}`,
              time.day(file.versions[0]?.uploadedAt ?? file.updatedAt),
            ]
              .filter(Boolean)
              .join(' · ')}
          </span>
          {file.request && (
            <span className="portal-document-request">
              For “{file.request.itemTitle}” in{' '}
              <Link to={`/portal/requests/${file.request.id}`}>{file.request.subject}</Link>
            </span>
          )}
        </li>
      ))}
    </ul>
  );
};
