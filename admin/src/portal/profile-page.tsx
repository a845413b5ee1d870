import { useId } from 'react';
import { Link } from 'react-router-dom';
import { ChangePasswordForm } from './change-password-form';
import type { PortalMe } from './portal-types';
import { SessionsSection } from './sessions-section';
import { SignedInPage } from './signed-in-page';
import { TwoStepSection } from './two-step-section';

/** /portal/profile: who is signed in, changing their password, two-step sign-in and where they are signed in. */
export const ProfilePage = () => (
  <SignedInPage title="Your profile">{(me) => <Profile me={me} />}</SignedInPage>
);

const Profile = ({ me }: { me: PortalMe }) => {
  const headingId = useId();
  const passwordHeadingId = useId();
  const name = [me.firstName, me.lastName].filter(Boolean).join(' ');
  return (
    <section className="portal-card" aria-labelledby={headingId}>
      <Link to="/portal/" className="portal-back">
        <span aria-hidden="true">← </span>Your clients
      </Link>
      <h1 id={headingId}>Your profile</h1>
      <dl className="portal-facts">
        {name && (
          <div>
            <dt>Name</dt>
            <dd>{name}</dd>
          </div>
        )}
        <div>
          <dt>Email</dt>
          <dd>{me.email}</dd>
        </div>
      </dl>
      <p className="portal-hint">To change your name or email, ask your firm.</p>

      <section aria-labelledby={passwordHeadingId}>
        <h2 id={passwordHeadingId}>Change password</h2>
        <ChangePasswordForm email={me.email} />
      </section>
      <TwoStepSection />
      <SessionsSection />
    </section>
  );
};
