import { useEffect, useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';

/**
 * The secret token of an emailed link (invitation, password reset), from ?token=… or, once it
 * has left the address bar, from this tab's history entry, so that a reload of the page still
 * works. It is password-like: it leaves the address bar, where screenshots and copied links
 * would carry it.
 */
export function useLinkToken(): string | null {
  const [search] = useSearchParams();
  const { pathname, state } = useLocation();
  const navigate = useNavigate();
  const [token] = useState(() => {
    const kept = (state as { linkToken?: unknown } | null)?.linkToken;
    return search.get('token') || (typeof kept === 'string' ? kept : null);
  });
  useEffect(() => {
    if (!token || !search.has('token')) return;
    const rest = new URLSearchParams(search);
    rest.delete('token');
    navigate({ pathname, search: rest.toString() }, { replace: true, state: { linkToken: token } });
  }, [token, search, pathname, navigate]);
  return token;
}
