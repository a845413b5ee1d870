import { useId, useState, type FormEvent } from 'react';
import { EmailField, FormSubmit } from './form-fields';
import { portalFetch, type PortalApiError } from './portal-api';
import { PortalLayout } from './portal-layout';
import { isStaffLink, SignInLink } from './sign-in-link';

/**
 * /portal/forgot-password[?staff=1]: asks for a link to choose a new password. The API answers
 * the same whether or not the address has an account, and so does this page.
 */
export const ForgotPasswordPage = () => {
  const [staff] = useState(isStaffLink);
  const headingId = useId();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      const answer = await portalFetch<{ message: string }>('/api/auth/password-reset', {
        method: 'POST',
        body: { email, portal: !staff },
      });
      setSent(answer.message);
    } catch (failure) {
      setError((failure as PortalApiError).message);
    }
    setSubmitting(false);
  };

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
