import { useId } from 'react';
import { Link } from 'react-router-dom';
import { PortalLayout } from './portal-layout';

/** Any other address under /portal (the API serves this app for all of them). */
export const PortalNotFoundPage = () => {
  const headingId = useId();
  return (
    <PortalLayout title="Page not found">
      <section className="portal-card" aria-labelledby={headingId}>
        <h1 id={headingId}>Page not found</h1>
        <p>There is nothing at this address.</p>
        <Link to="/portal/" className="portal-button">
          Go to the client portal
        </Link>
      </section>
    </PortalLayout>
  );
};
