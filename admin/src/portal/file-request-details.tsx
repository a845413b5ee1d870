import { useId } from 'react';
import { Link } from 'react-router-dom';
import { FileRequestItemCard } from './file-request-item';
import { isClosed, isOverdue, progressText, REQUEST_STATUS_LABELS } from './file-request-format';
import { usePortalTime } from './portal-time';
import type { PortalFileRequest } from './portal-types';

interface FileRequestDetailsProps {
  request: PortalFileRequest;
  /** Called with the request as the API answered an upload or a "not applicable". */
  onChange: (request: PortalFileRequest) => void;
  /** The request changed elsewhere (closed, item accepted): load it again. */
  onStale: () => void;
}

/** A request's page: what the firm asks and why, what it attached, then one card per item. */
export const FileRequestDetails = ({ request, onChange, onStale }: FileRequestDetailsProps) => {
  const headingId = useId();
  const itemsHeadingId = useId();
  const time = usePortalTime();
  return (
    <section className="portal-card portal-request" aria-labelledby={headingId}>
      <Link to="/portal/" className="portal-back">
        <span aria-hidden="true">← </span>Your requests
      </Link>
      <h1 id={headingId}>{request.subject}</h1>
      <RequestBanner request={request} />

      <dl className="portal-facts">
        <div>
          <dt>Client</dt>
          <dd>
            <Link to={`/portal/clients/${request.clientId}`} className="portal-inline-link">
              {request.clientName}
            </Link>
          </dd>
        </div>
        {request.createdBy?.name && (
          <div>
            <dt>From</dt>
            <dd>{request.createdBy.name}</dd>
          </div>
        )}
        {request.dueAt && (
          <div>
            <dt>Due</dt>
            <dd>
              {time.due(request.dueAt)}
              {isOverdue(request) && (
                <span className="portal-badge portal-badge-danger">Overdue</span>
              )}
            </dd>
          </div>
        )}
        <div>
          <dt>Status</dt>
          <dd>
            {REQUEST_STATUS_LABELS[request.status]}
            {!isClosed(request) && (
              <span className="portal-request-progress">{progressText(request)}</span>
            )}
          </dd>
        </div>
      </dl>

      {request.description && <p className="portal-request-description">{request.description}</p>}
      {request.message && (
        <figure className="portal-request-message">
          <figcaption>Message from {request.createdBy?.name ?? 'your firm'}</figcaption>
          <blockquote>{request.message}</blockquote>
        </figure>
      )}

      {request.attachments.length > 0 && <Attachments request={request} />}

      <section aria-labelledby={itemsHeadingId}>
        <h2 id={itemsHeadingId}>Requested documents</h2>
        <div className="portal-items">
          {request.items.map((item) => (
            <FileRequestItemCard
              key={item.id}
              request={request}
              item={item}
              onChange={onChange}
              onStale={onStale}
            />
          ))}
        </div>
      </section>
    </section>
  );
};

/** Where the request stands once nothing (or nothing more) is expected of the contact. */
const RequestBanner = ({ request }: { request: PortalFileRequest }) => {
  switch (request.status) {
    case 'completed':
      return (
        <p className="portal-success" role="status">
          Request complete — thank you! Your firm has accepted everything.
        </p>
      );
    case 'cancelled':
      return (
        <p className="portal-banner" role="status">
          This request was cancelled. Nothing more is needed from you.
        </p>
      );
    case 'uploaded':
      return (
        <p className="portal-banner portal-banner-info" role="status">
          All done for now: your firm will review what you sent.
        </p>
      );
    default:
      return null;
  }
};

/** Files the firm sent along (often the one to update); each name downloads it. */
const Attachments = ({ request }: { request: PortalFileRequest }) => {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>Attachments</h2>
      <ul className="portal-list portal-documents" aria-labelledby={headingId}>
        {request.attachments.map((file) => (
          <li key={file.id}>
            <a className="portal-list-link" href={`/api/portal/files/${file.id}/download`} download>
              {file.name}
            </a>
            {file.version > 1 && (
              <span className="portal-document-facts">{`version ${file.version}`}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
};
