import { useId, useState, type FormEvent } from 'react';
import { fieldMessage } from '../shared/field-message';
import { isTokenProblem } from './invitation-problem';
import { portalFetch, type PortalApiError } from './portal-api';
import { navigate } from './portal-router';
import type { PortalMe } from './portal-types';

const MIN_LENGTH = 12;

interface FormError {
  field: 'password' | 'confirmation';
  message: string;
}

interface AcceptInvitationFormProps {
  token: string;
  /** Tells password managers which account the new password belongs to. */
  email: string;
  /** Called when the API refuses the token itself, which ends the sign-up. */
  onTokenRefused: (error: PortalApiError) => void;
}

/** Choosing a password accepts the invitation; the API then signs the client in. */
export const AcceptInvitationForm = ({
  token,
  email,
  onTokenRefused,
}: AcceptInvitationFormProps) => {
  const passwordId = useId();
  const confirmationId = useId();
  const ruleId = useId();
  const errorId = useId();
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (password.length < MIN_LENGTH) {
      setError({
        field: 'password',
        message: `The password needs at least ${MIN_LENGTH} characters`,
      });
      return;
    }
    if (password !== confirmation) {
      setError({ field: 'confirmation', message: 'The passwords do not match' });
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      await portalFetch<PortalMe>('/api/portal/invitations/accept', {
        method: 'POST',
        body: { token, password },
      });
      navigate('/portal/', { replace: true });
    } catch (failure) {
      const apiError = failure as PortalApiError;
      if (isTokenProblem(apiError)) {
        onTokenRefused(apiError);
        return;
      }
      setError({ field: 'password', message: fieldMessage(apiError.message) });
      setSubmitting(false);
    }
  };

  // Our own messages replace the browser's validation bubbles, which tests and screen readers miss.
  return (
    <form className="portal-form" onSubmit={submit} noValidate>
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <div className="portal-field">
        <label htmlFor={passwordId}>Password</label>
        <input
          id={passwordId}
          type="password"
          name="password"
          autoComplete="new-password"
          required
          minLength={MIN_LENGTH}
          aria-describedby={error?.field === 'password' ? `${ruleId} ${errorId}` : ruleId}
          aria-invalid={error?.field === 'password' || undefined}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <p id={ruleId} className="portal-hint">
          At least {MIN_LENGTH} characters; common passwords are refused
        </p>
      </div>
      <div className="portal-field">
        <label htmlFor={confirmationId}>Confirm password</label>
        <input
          id={confirmationId}
          type="password"
          name="password-confirmation"
          autoComplete="new-password"
          required
          aria-describedby={error?.field === 'confirmation' ? errorId : undefined}
          aria-invalid={error?.field === 'confirmation' || undefined}
          value={confirmation}
          onChange={(event) => setConfirmation(event.target.value)}
        />
      </div>
      {error && (
        <p id={errorId} className="portal-error" role="alert">
          {error.message}
        </p>
      )}
      <button type="submit" className="portal-button" disabled={submitting}>
        Create my account
      </button>
    </form>
  );
};
