import { useId, useState, type FormEvent } from 'react';
import { fieldMessage } from '../shared/field-message';
import { isTokenProblem } from './invitation-problem';
import { newPasswordProblem, NewPasswordFields } from './password-field';
import type { PortalApiError } from './portal-api';

interface FormError {
  field: 'password' | 'confirmation';
  message: string;
}

interface ChoosePasswordFormProps {
  /** Tells password managers which account the new password belongs to. */
  email: string;
  submitLabel: string;
  /** Sends the password with the link's token; rejects with the API's PortalApiError. */
  onSubmit: (password: string) => Promise<unknown>;
  /** Called when the API refuses the token itself, which ends the form. */
  onTokenRefused: (error: PortalApiError) => void;
}

/** A new password and its confirmation, behind an emailed link (invitation, reset). */
export const ChoosePasswordForm = ({
  email,
  submitLabel,
  onSubmit,
  onTokenRefused,
}: ChoosePasswordFormProps) => {
  const errorId = useId();
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = newPasswordProblem(password, confirmation, 'password');
    if (problem) {
      setError(problem);
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      await onSubmit(password);
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
      <NewPasswordFields
        label="Password"
        password={password}
        confirmation={confirmation}
        onPasswordChange={setPassword}
        onConfirmationChange={setConfirmation}
        invalid={error?.field ?? null}
        errorId={errorId}
      />
      {error && (
        <p id={errorId} className="portal-error" role="alert">
          {error.message}
        </p>
      )}
      <button type="submit" className="portal-button" disabled={submitting}>
        {submitLabel}
      </button>
    </form>
  );
};
