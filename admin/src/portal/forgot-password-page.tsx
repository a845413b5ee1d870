import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { EmailField, FormSubmit } from './form-fields';
import { portalFetch } from './portal-api';
import { PortalLayout } from './portal-layout';
import { SignInLink, useStaffLink } from './sign-in-link';

/**
 * /portal/forgot-password[?staff=1]: asks for a link to choose a new password. The API answers
 * the same whether or not the address has an account, and so does this page.
 */
export const ForgotPasswordPage = () => {
  const staff = useStaffLink();
  const headingId = useId();
  const [email, setEmail] = useState('');
  const request = useMutation({
    mutationFn: () =>
      portalFetch<{ message: string }>('/api/auth/password-reset', {
        method: 'POST',
        body: { email, portal: !staff },
      }),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    request.mutate();
  };

  return (
    <PortalLayout title="Forgot your password">
      <section className="portal-card" aria-labelledby={headingId}>
        <h1 id={headingId}>Forgot your password?</h1>
        {request.isSuccess ? (
          <>
            <p className="portal-success" role="status">
              {request.data.message}
            </p>
            <p>Check your inbox, and your spam folder, for an email from us.</p>
            <SignInLink staff={staff} className="portal-button">
              Back to sign in
            </SignInLink>
          </>
        ) : (
          <>
            <p className="portal-lead">
              Enter the email you sign in with{staff ? ' to the staff console' : ''}. We will email
              you a link to choose a new password.
            </p>
            <form className="portal-form" onSubmit={submit}>
              <EmailField value={email} onChange={setEmail} />
              <FormSubmit error={request.error} submitting={request.isPending}>
                Email me a link
              </FormSubmit>
            </form>
            <p className="portal-hint">
              Remembered it? <SignInLink staff={staff}>Sign in</SignInLink>
            </p>
          </>
        )}
      </section>
    </PortalLayout>
  );
};
