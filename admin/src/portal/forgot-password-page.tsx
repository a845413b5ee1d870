import { useId, useState } from 'react';
import { EmailField, FormSubmit } from './form-fields';
import { portalFetch } from './portal-api';
import { PortalLayout } from './portal-layout';
import { isStaffLink, SignInLink } from './sign-in-link';
import { useFormSubmit } from './use-form-submit';

/**
 * /portal/forgot-password[?staff=1]: asks for a link to choose a new password. The API answers
 * the same whether or not the address has an account, and so does this page.
 */
export const ForgotPasswordPage = () => {
  const [staff] = useState(isStaffLink);
  const headingId = useId();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const { submit, error, submitting } = useFormSubmit(async () => {
    const answer = await portalFetch<{ message: string }>('/api/auth/password-reset', {
      method: 'POST',
      body: { email, portal: !staff },
    });
    setSent(answer.message);
  });

  return (
    <PortalLayout title="Forgot your password">
      <section className="portal-card" aria-labelledby={headingId}>
        <h1 id={headingId}>Forgot your password?</h1>
        {sent ? (
          <>
            <p className="portal-success" role="status">
              {sent}
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
              <FormSubmit error={error} submitting={submitting}>
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
