import { Link, useLocation } from 'react-router-dom';
import { PortalLayout } from './portal-layout';
import { signInHref } from './sign-in-return';

/**
 * The signed-out home: where a contact's way in comes from (the invitation email), the
 * sign-in page for those who already chose a password, and a door for staff. Shown in place of
 * any page that needs a session; signing in from it comes back to that page.
 */
export const PortalLanding = () => {
  const { pathname } = useLocation();
  return (
    <PortalLayout title="Welcome">
      <section className="portal-card" aria-labelledby="portal-title">
        <h1 id="portal-title">Client portal</h1>
        <p className="portal-lead">Your firm invites you by email to set up your access.</p>
        <p>
          Open the link in that email to choose your password. After that, sign in here with your
          email and password to reach your documents and requests. If the link has expired, ask your
          firm to send a new one.
        </p>
        <Link to={signInHref(pathname)} className="portal-button">
          Sign in
        </Link>
      </section>
      <p className="portal-staff">
        Work at the firm? <a href="/admin/">Go to the staff console</a>
      </p>
    </PortalLayout>
  );
};
