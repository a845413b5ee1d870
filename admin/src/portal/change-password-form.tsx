import { useId, useState, type FormEvent } from 'react';
import { fieldMessage } from '../shared/field-message';
import { portalFetch, type PortalApiError } from './portal-api';

const MIN_LENGTH = 12;

type Field = 'current' | 'new' | 'confirmation';

interface FormError {
  /** The field at fault; none for a problem of the whole form (network, expired session). */
  field: Field | null;
  message: string;
}

/** Which field an API refusal is about: a wrong current password, or a weak new one. */
const fieldOf = (error: PortalApiError): Field | null => {
  if (error.code === 'AUTH_INVALID_CREDENTIALS') return 'current';
  if (error.code === 'VALIDATION_FAILED') {
    return /^currentPassword:/.test(error.message) ? 'current' : 'new';
  }
  return null;
};

/** The API checks the current password, then ends the contact's sessions on other devices. */
export const ChangePasswordForm = ({ email }: { email: string }) => {
  const currentId = useId();
  const newId = useId();
  const confirmationId = useId();
  const ruleId = useId();
  const errorId = useId();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const [changed, setChanged] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChanged(false);
    if (!current) {
      setError({ field: 'current', message: 'Enter your current password' });
      return;
    }
    if (password.length < MIN_LENGTH) {
      setError({
        field: 'new',
        message: `The new password needs at least ${MIN_LENGTH} characters`,
      });
      return;
    }
    if (password !== confirmation) {
      setError({ field: 'confirmation', message: 'The new passwords do not match' });
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      await portalFetch('/api/auth/password', {
        method: 'POST',
        body: { currentPassword: current, newPassword: password },
      });
      setCurrent('');
      setPassword('');
      setConfirmation('');
      setChanged(true);
    } catch (failure) {
      const apiError = failure as PortalApiError;
      const field = fieldOf(apiError);
      setError({
        field,
        // "currentPassword: is not correct." would read "Is not correct." once stripped.
        message:
          apiError.code === 'AUTH_INVALID_CREDENTIALS'
            ? 'Your current password is not correct.'
            : fieldMessage(apiError.message),
      });
    } finally {
      setSubmitting(false);
    }
  };

  const describedBy = (field: Field, ...others: string[]) =>
    [...others, error?.field === field ? errorId : ''].filter(Boolean).join(' ') || undefined;

  // Our own messages replace the browser's validation bubbles, which tests and screen readers miss.
  return (
    <form className="portal-form" onSubmit={submit} noValidate>
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <div className="portal-field">
        <label htmlFor={currentId}>Current password</label>
        <input
          id={currentId}
          type="password"
          name="current-password"
          autoComplete="current-password"
          required
          aria-describedby={describedBy('current')}
          aria-invalid={error?.field === 'current' || undefined}
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
        />
      </div>
      <div className="portal-field">
        <label htmlFor={newId}>New password</label>
        <input
          id={newId}
          type="password"
          name="new-password"
          autoComplete="new-password"
          required
          minLength={MIN_LENGTH}
          aria-describedby={describedBy('new', ruleId)}
          aria-invalid={error?.field === 'new' || undefined}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <p id={ruleId} className="portal-hint">
          At least {MIN_LENGTH} characters; common passwords are refused
        </p>
      </div>
      <div className="portal-field">
        <label htmlFor={confirmationId}>Confirm new password</label>
        <input
          id={confirmationId}
          type="password"
          name="new-password-confirmation"
          autoComplete="new-password"
          required
          aria-describedby={describedBy('confirmation')}
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
      {/* Present from the start, so screen readers announce the message when it appears. */}
      <div role="status">
        {changed && (
          <p className="portal-success">
            Your password was changed. Other devices were signed out.
          </p>
        )}
      </div>
      <button type="submit" className="portal-button" disabled={submitting}>
        Change password
      </button>
    </form>
  );
};
