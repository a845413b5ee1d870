import { useId } from 'react';
import { PortalLayout } from './portal-layout';
import { PortalLink } from './portal-link';

/** Any other address under /portal (the API serves this app for all of them). */
export const PortalNotFoundPage = () => {
  const headingId = useId();
  return (
    <PortalLayout title="Page not found">
      <section className="portal-card" aria-labelledby={headingId}>
        <h1 id={headingId}>Page not found</h1>
        <p>There is nothing at this address.</p>
        <PortalLink href="/portal/" className="portal-button">
          Go to the client portal
        </PortalLink>
      </section>
    </PortalLayout>
  );
};
