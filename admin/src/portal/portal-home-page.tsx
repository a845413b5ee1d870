import { useId } from 'react';
import { Link } from 'react-router-dom';
import { ROLE_NAMES } from './client-roles';
import { FileRequestsSection } from './file-requests-section';
import type { PortalMe } from './portal-types';
import { SignedInPage } from './signed-in-page';

/** /portal/: the signed-in contact's home, or the landing page when nobody is signed in. */
export const PortalHomePage = () => (
  <SignedInPage title={(me) => me.firmName}>{(me) => <Home me={me} />}</SignedInPage>
);

const Home = ({ me }: { me: PortalMe }) => {
  const headingId = useId();
  const clientsHeadingId = useId();
  return (
    <section className="portal-card" aria-labelledby={headingId}>
      <h1 id={headingId}>Welcome, {me.firstName || me.displayName}</h1>
      <p className="portal-lead">
        Signed in as <strong>{me.displayName}</strong>
        {me.displayName !== me.email && <> ({me.email})</>}
      </p>

      <FileRequestsSection
        heading="Your requests"
        emptyText={`Nothing to do: ${me.firmName} has no open requests for you.`}
      />

      <h2 id={clientsHeadingId}>Your clients</h2>
      {me.clients.length ? (
        <ul className="portal-list" aria-labelledby={clientsHeadingId}>
          {me.clients.map((client) => (
            <li key={client.id}>
              <Link to={`/portal/clients/${client.id}`} className="portal-list-link">
                {client.displayName}
              </Link>
              <span className="portal-tag">{ROLE_NAMES[client.role]}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>No clients are linked to your access yet.</p>
      )}

      <p className="portal-note">
        Open a client to see the documents {me.firmName} shares with you.
      </p>
    </section>
  );
};
