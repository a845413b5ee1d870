import { useState } from 'react';
import { portalFetch } from './portal-api';
import { PortalLink } from './portal-link';
import { navigate } from './portal-router';

/** The signed-in header's controls: the contact's profile, and signing out. */
export const AccountActions = () => {
  const [signingOut, setSigningOut] = useState(false);

  const signOut = async () => {
    setSigningOut(true);
    // The session may already be gone; either way the next stop is the sign-in page.
    await portalFetch('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    navigate('/portal/login', { replace: true });
  };

  return (
    <>
      <PortalLink href="/portal/profile" className="portal-button portal-button-quiet">
        Profile
      </PortalLink>
      <button
        type="button"
        className="portal-button portal-button-quiet"
        onClick={signOut}
        disabled={signingOut}
      >
        Sign out
      </button>
    </>
  );
};
