import { useId, useState, type FormEvent } from 'react';
import { fieldMessage } from '../shared/field-message';
import { newPasswordProblem, NewPasswordFields, PasswordField } from './password-field';
import { portalFetch, type PortalApiError } from './portal-api';

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
    const problem = newPasswordProblem(password, confirmation, 'new password');
    if (problem) {
      setError({ ...problem, field: problem.field === 'password' ? 'new' : 'confirmation' });
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

  // Our own messages replace the browser's validation bubbles, which tests and screen readers miss.
  return (
    <form className="portal-form" onSubmit={submit} noValidate>
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <PasswordField
        label="Current password"
        name="current-password"
        autoComplete="current-password"
        value={current}
        onChange={setCurrent}
        invalid={error?.field === 'current'}
        errorId={errorId}
      />
      <NewPasswordFields
        label="New password"
        password={password}
        confirmation={confirmation}
        onPasswordChange={setPassword}
        onConfirmationChange={setConfirmation}
        invalid={
          error?.field === 'new'
            ? 'password'
            : error?.field === 'confirmation'
              ? 'confirmation'
              : null
        }
        errorId={errorId}
      />
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
