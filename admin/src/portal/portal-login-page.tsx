import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { isSecondFactorDue, type SecondFactorDue } from '../shared/mfa-api';
import { EmailField, FormSubmit } from './form-fields';
import { portalFetch } from './portal-api';
import { PortalLayout } from './portal-layout';
import type { PortalMe } from './portal-types';
import { SecondStep } from './second-step';
import { landingPath } from './sign-in-return';

/**
 * /portal/login[?next=/portal/requests/…]: a contact who already accepted an invitation signs in
 * with email and password, then goes on to `next` (the page that asked for a session) or home.
 */
export const PortalLoginPage = () => {
  const headingId = useId();
  const passwordId = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const done = () => navigate(landingPath(search.get('next')), { replace: true });
  const signIn = useMutation({
    mutationFn: () =>
      portalFetch<PortalMe | SecondFactorDue>('/api/auth/login', {
        method: 'POST',
        body: { email, password, portal: true },
      }),
    onSuccess: (answer) => {
      if (!isSecondFactorDue(answer)) done();
    },
  });
  const due = isSecondFactorDue(signIn.data) ? signIn.data.secondFactor : undefined;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    signIn.mutate();
  };

  if (due) {
    return (
      <PortalLayout title="Sign in">
        <section className="portal-card" aria-labelledby={headingId}>
          <h1 id={headingId}>Two-step sign-in</h1>
          <SecondStep due={due} onDone={done} />
        </section>
      </PortalLayout>
    );
  }

  return (
    <PortalLayout title="Sign in">
      <section className="portal-card" aria-labelledby={headingId}>
        <h1 id={headingId}>Sign in to your portal</h1>
        <p className="portal-lead">Use the email your firm invited and the password you chose.</p>
        <form className="portal-form" onSubmit={submit}>
          <EmailField value={email} onChange={setEmail} />
          <div className="portal-field">
            <label htmlFor={passwordId}>Password</label>
            <input
              id={passwordId}
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          <FormSubmit error={signIn.error} submitting={signIn.isPending}>
            Sign in
          </FormSubmit>
        </form>
        <p className="portal-hint">
          <Link to="/portal/forgot-password">Forgot your password?</Link>
        </p>
        <p className="portal-hint">
          First time here? Open the invitation link your firm emailed you to choose a password.
        </p>
      </section>
      <p className="portal-staff">
        <a href="/admin/">Staff? Go to the staff console</a>
      </p>
    </PortalLayout>
  );
};
