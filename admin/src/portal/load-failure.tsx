import { useId } from 'react';
import type { PortalApiError } from './portal-api';

interface LoadFailureProps {
  title: string;
  error: PortalApiError;
  onRetry: () => void;
}

/** A page that could not load for a reason other than the ones it explains itself (network, server). */
export const LoadFailure = ({ title, error, onRetry }: LoadFailureProps) => {
  const headingId = useId();
  return (
    <section className="portal-card" aria-labelledby={headingId}>
      <h1 id={headingId}>{title}</h1>
      <p className="portal-error" role="alert">
        {error.message}
      </p>
      <button type="button" className="portal-button" onClick={onRetry}>
        Try again
      </button>
    </section>
  );
};
