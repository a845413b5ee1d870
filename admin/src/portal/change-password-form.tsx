import { useMutation } from '@tanstack/react-query';
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

/** An API refusal, at its field in the form's words. */
const formErrorOf = (error: PortalApiError): FormError => ({
  field: fieldOf(error),
  // "currentPassword: is not correct." would read "Is not correct." once stripped.
  message:
    error.code === 'AUTH_INVALID_CREDENTIALS'
      ? 'Your current password is not correct.'
      : fieldMessage(error.message),
});

/** The API checks the current password, then ends the contact's sessions on other devices. */
export const ChangePasswordForm = ({ email }: { email: string }) => {
  const errorId = useId();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  // Checked in the page before the API is asked.
  const [invalid, setInvalid] = useState<FormError | null>(null);
  const change = useMutation<unknown, PortalApiError>({
    mutationFn: () =>
      portalFetch('/api/auth/password', {
        method: 'POST',
        body: { currentPassword: current, newPassword: password },
      }),
    onSuccess: () => {
      setCurrent('');
      setPassword('');
      setConfirmation('');
    },
  });
  const error = invalid ?? (change.error && formErrorOf(change.error));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    change.reset();
    setInvalid(null);
    if (!current) {
      setInvalid({ field: 'current', message: 'Enter your current password' });
      return;
    }
    const problem = newPasswordProblem(password, confirmation, 'new password');
    if (problem) {
      setInvalid({ ...problem, field: problem.field === 'password' ? 'new' : 'confirmation' });
      return;
    }
    change.mutate();
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
        {change.isSuccess && (
          <p className="portal-success">
            Your password was changed. Other devices were signed out.
          </p>
        )}
      </div>
      <button type="submit" className="portal-button" disabled={change.isPending}>
        Change password
      </button>
    </form>
  );
};
