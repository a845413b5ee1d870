import { useId } from 'react';
import { Link } from 'react-router-dom';

/** A client the contact has no access to looks the same as one that does not exist. */
export const ClientNotFound = () => {
  const headingId = useId();
  return (
    <section className="portal-card" aria-labelledby={headingId}>
      <h1 id={headingId}>Client not found</h1>
      <p>
        This client is not in your portal. If you expected to see it here, ask your firm to give you
        access.
      </p>
      <Link to="/portal/" className="portal-button">
        Back to your clients
      </Link>
    </section>
  );
};
