import { useId, useState } from 'react';
import { LoadFailure } from './load-failure';
import { portalFetch } from './portal-api';
import { PortalLanding } from './portal-landing';
import { PortalLayout } from './portal-layout';
import { PortalLoading } from './portal-loading';
import { navigate } from './portal-router';
import type { PortalClientRole, PortalMe } from './portal-types';
import { useApiGet } from './use-api-get';

const ROLE_LABELS: Record<PortalClientRole, string> = {
  contact_collaborator: 'Collaborator',
  contact_access: 'Viewer',
};

/** /portal/: the signed-in contact's home, or the landing page when nobody is signed in. */
export const PortalHomePage = () => {
  const [me, retry] = useApiGet<PortalMe>('/api/portal/me');

  if (me.status === 'ok') return <SignedInHome me={me.data} />;
  if (me.status === 'failed' && me.error.status === 401) return <PortalLanding />;
  return (
    <PortalLayout title="Client portal">
      {me.status === 'loading' ? (
        <PortalLoading />
      ) : (
        <LoadFailure title="Your portal could not be opened" error={me.error} onRetry={retry} />
      )}
    </PortalLayout>
  );
};

const SignedInHome = ({ me }: { me: PortalMe }) => {
  const headingId = useId();
  const clientsHeadingId = useId();
  const [signingOut, setSigningOut] = useState(false);

  const signOut = async () => {
    setSigningOut(true);
    // The session may already be gone; either way the next stop is the sign-in page.
    await portalFetch('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    navigate('/portal/login', { replace: true });
  };

  return (
    <PortalLayout
      title={me.firmName}
      firm={me}
      actions={
        <button
          type="button"
          className="portal-button portal-button-quiet"
          onClick={signOut}
          disabled={signingOut}
        >
          Sign out
        </button>
      }
    >
      <section className="portal-card" aria-labelledby={headingId}>
        <h1 id={headingId}>Welcome, {me.firstName || me.displayName}</h1>
        <p className="portal-lead">
          Signed in as <strong>{me.displayName}</strong>
          {me.displayName !== me.email && <> ({me.email})</>}
        </p>

        <h2 id={clientsHeadingId}>Your clients</h2>
        {me.clients.length ? (
          <ul className="portal-list" aria-labelledby={clientsHeadingId}>
            {me.clients.map((client) => (
              <li key={client.id}>
                <span>{client.displayName}</span>
                <span className="portal-tag">{ROLE_LABELS[client.role]}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>No clients are linked to your access yet.</p>
        )}

        <p className="portal-note">Documents and requests from {me.firmName} will appear here.</p>
      </section>
    </PortalLayout>
  );
};
