import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { isClosed, isOverdue, progressText, REQUEST_STATUS_LABELS } from './file-request-format';
import { usePortalTime } from './portal-time';
import type { PortalFileRequest } from './portal-types';

interface FileRequestListProps {
  /** In the API's order: open and uploaded first, then by due date. */
  requests: PortalFileRequest[];
  /** Off on a client's own page, where every request is that client's. */
  showClient?: boolean;
  /** Said when no request is open. */
  emptyText: string;
}

/** Open requests, each a link to its page; completed and cancelled ones folded away below. */
export const FileRequestList = ({
  requests,
  showClient = true,
  emptyText,
}: FileRequestListProps) => {
  const open = requests.filter((request) => !isClosed(request));
  const past = requests.filter(isClosed);
  return (
    <>
      {open.length ? (
        <ul className="portal-list portal-requests" aria-label="Open requests">
          {open.map((request) => (
            <RequestRow key={request.id} request={request} showClient={showClient} />
          ))}
        </ul>
      ) : (
        <p>{emptyText}</p>
      )}
      {past.length > 0 && <PastRequests requests={past} showClient={showClient} />}
    </>
  );
};

/** Done with: out of the way until asked for. */
const PastRequests = ({
  requests,
  showClient,
}: {
  requests: PortalFileRequest[];
  showClient: boolean;
}) => {
  const [expanded, setExpanded] = useState(false);
  const listId = useId();
  return (
    <div className="portal-past">
      <button
        type="button"
        className="portal-disclosure"
        aria-expanded={expanded}
        aria-controls={listId}
        onClick={() => setExpanded((shown) => !shown)}
      >
        <span className="portal-disclosure-icon" aria-hidden="true">
          {expanded ? '▾' : '▸'}
        </span>
        Past requests ({requests.length})
      </button>
      <ul
        id={listId}
        className="portal-list portal-requests"
        aria-label="Past requests"
        hidden={!expanded}
      >
        {requests.map((request) => (
          <RequestRow key={request.id} request={request} showClient={showClient} />
        ))}
      </ul>
    </div>
  );
};

const RequestRow = ({
  request,
  showClient,
}: {
  request: PortalFileRequest;
  showClient: boolean;
}) => {
  const time = usePortalTime();
  const facts = [
    showClient ? request.clientName : null,
    request.dueAt ? `Due ${time.due(request.dueAt)}` : null,
  ].filter(Boolean);
  const closed = isClosed(request);
  return (
    <li>
      <div className="portal-request-main">
        <Link to={`/portal/requests/${request.id}`} className="portal-list-link">
          {request.subject}
        </Link>
        {facts.length > 0 && <span className="portal-request-facts">{facts.join(' · ')}</span>}
      </div>
      <div className="portal-request-side">
        {isOverdue(request) && <span className="portal-badge portal-badge-danger">Overdue</span>}
        {closed || request.status === 'uploaded' ? (
          <span className={`portal-badge portal-badge-${request.status}`}>
            {REQUEST_STATUS_LABELS[request.status]}
          </span>
        ) : null}
        {!closed && <span className="portal-request-progress">{progressText(request)}</span>}
      </div>
    </li>
  );
};
