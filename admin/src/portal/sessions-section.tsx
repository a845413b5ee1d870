import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import type { SessionView } from '@server/common/auth/session.view';
import { portalFetch, type PortalApiError } from './portal-api';
import { usePortalTime } from './portal-time';

/**
 * The contact's signed-in browsers on the profile page; ending one signs it out at its next
 * click. This one is left to the header's Sign out.
 */
export const SessionsSection = () => {
  const headingId = useId();
  const time = usePortalTime();
  const queryKey = ['/api/auth/sessions'];
  const sessions = useQuery<SessionView[], PortalApiError>({ queryKey });
  const queryClient = useQueryClient();
  const end = useMutation({
    mutationFn: (session: SessionView) =>
      portalFetch(`/api/auth/sessions/${session.id}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey }),
  });

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>Where you are signed in</h2>
      {sessions.isError && (
        <p className="portal-error" role="alert">
          {sessions.error.message}
        </p>
      )}
      {sessions.isSuccess && (
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
                  onClick={() => end.mutate(s)}
                  disabled={end.isPending}
                  aria-label={`End ${s.device}`}
                >
                  End
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {end.error && (
        <p className="portal-error" role="alert">
          {end.error.message}
        </p>
      )}
    </section>
  );
};
