/** A quiet wait: it only shows up when the answer is slow, and is announced politely. */
export const PortalLoading = ({ label = 'Loading…' }: { label?: string }) => (
  <p className="portal-loading" role="status">
    <span className="portal-spinner" aria-hidden="true" />
    {label}
  </p>
);
