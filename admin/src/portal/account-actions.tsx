import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { portalFetch } from './portal-api';

/** The signed-in header's controls: the contact's profile, and signing out. */
export const AccountActions = () => {
  const navigate = useNavigate();
  const signOut = useMutation({
    // The session may already be gone; either way the next stop is the sign-in page.
    mutationFn: () => portalFetch('/api/auth/logout', { method: 'POST' }).catch(() => undefined),
    onSuccess: () => navigate('/portal/login', { replace: true }),
  });

  return (
    <>
      <Link to="/portal/profile" className="portal-button portal-button-quiet">
        Profile
      </Link>
      <button
        type="button"
        className="portal-button portal-button-quiet"
        onClick={() => signOut.mutate()}
        disabled={signOut.isPending}
      >
        Sign out
      </button>
    </>
  );
};
