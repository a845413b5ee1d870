import { useId, useState } from 'react';
import type { SessionView } from '../../../server/common/auth/session.view';
import { portalFetch, type PortalApiError } from './portal-api';
import { usePortalTime } from './portal-time';
import { useApiGet } from './use-api-get';

/**
 * The contact's signed-in browsers on the profile page; ending one signs it out at its next
 * click. This one is left to the header's Sign out.
 */
export const SessionsSection = () => {
  const headingId = useId();
  const time = usePortalTime();
  const [sessions, , refresh] = useApiGet<SessionView[]>('/api/auth/sessions');
  const [ending, setEnding] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const end = async (session: SessionView) => {
    setEnding(session.id);
    setError(null);
    try {
      await portalFetch(`/api/auth/sessions/${session.id}`, { method: 'DELETE' });
      refresh();
    } catch (failure) {
      setError((failure as PortalApiError).message);
    } finally {
      setEnding(null);
    }
  };

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>Where you are signed in</h2>
      {sessions.status === 'failed' && (
        <p className="portal-error" role="alert">
          {sessions.error.message}
        </p>
      )}
      {sessions.status === 'ok' && (
        <ul className="portal-list" aria-labelledby={headingId}>
          {sessions.data.map((s) => (
            <li key={s.id}>
              <div>
                <strong>{s.device}</strong>
                {s.current && <span className="portal-tag"> This device</span>}
                <div className="portal-hint">
                  {s.ip ?? 'Unknown address'} · signed in {time.moment(s.createdAt)} · last seen{' '}
                  {time.moment(s.lastSeenAt)}
                </div>
              </div>
              {!s.current && (
                <button
                  type="button"
                  className="portal-button portal-button-quiet"
                  onClick={() => end(s)}
                  disabled={ending !== null}
                  aria-label={`End ${s.device}`}
                >
                  End
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="portal-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
};
