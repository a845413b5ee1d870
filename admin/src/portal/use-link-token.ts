import { useEffect, useState } from 'react';

/**
 * The token from ?token=…, or, once it has left the address bar, from this tab's history
 * entry, so that a reload of the page still works.
 */
function readToken(): string | null {
  const fromAddress = new URLSearchParams(window.location.search).get('token');
  if (fromAddress) return fromAddress;
  const state = window.history.state as { linkToken?: unknown } | null;
  return typeof state?.linkToken === 'string' ? state.linkToken : null;
}

/**
 * The secret token of an emailed link (invitation, password reset). It is password-like: it
 * leaves the address bar, where screenshots and copied links would carry it.
 */
export function useLinkToken(): string | null {
  const [token] = useState(readToken);
  useEffect(() => {
    if (!token) return;
    const rest = new URLSearchParams(window.location.search);
    rest.delete('token');
    const query = rest.toString();
    window.history.replaceState(
      { linkToken: token },
      '',
      `${window.location.pathname}${query ? `?${query}` : ''}`,
    );
  }, [token]);
  return token;
}
