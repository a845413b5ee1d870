import { useId } from 'react';
import { MIN_PASSWORD_LENGTH, PASSWORD_RULE } from '@server/common/auth/password-rule';

interface PasswordFieldProps {
  label: string;
  name: string;
  autoComplete: 'new-password' | 'current-password';
  value: string;
  onChange: (value: string) => void;
  /** The form's error is about this field: it is marked invalid and described by `errorId`. */
  invalid: boolean;
  errorId: string;
  /** Shows the new-password rule under the field. */
  withRule?: boolean;
}

/** A labelled password input of the portal's forms, tied to the form's error message. */
export const PasswordField = (props: PasswordFieldProps) => {
  const { label, name, autoComplete, value, onChange, invalid, errorId, withRule } = props;
  const id = useId();
  const ruleId = useId();
  const describedBy = [withRule ? ruleId : '', invalid ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div className="portal-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="password"
        name={name}
        autoComplete={autoComplete}
        required
        minLength={withRule ? MIN_PASSWORD_LENGTH : undefined}
        aria-describedby={describedBy || undefined}
        aria-invalid={invalid || undefined}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      {withRule && (
        <p id={ruleId} className="portal-hint">
          {PASSWORD_RULE}
        </p>
      )}
    </div>
  );
};

/**
 * The browser's check of a new password and its confirmation, before the API's (which also
 * refuses common passwords); `noun` names the password in the messages.
 */
export function newPasswordProblem(
  password: string,
  confirmation: string,
  noun: 'password' | 'new password',
): { field: 'password' | 'confirmation'; message: string } | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return {
      field: 'password',
      message: `The ${noun} needs at least ${MIN_PASSWORD_LENGTH} characters`,
    };
  }
  if (password !== confirmation) {
    return { field: 'confirmation', message: `The ${noun}s do not match` };
  }
  return null;
}

interface NewPasswordFieldsProps {
  /** "Password" when choosing a first one, "New password" when changing it. */
  label: 'Password' | 'New password';
  password: string;
  confirmation: string;
  onPasswordChange: (value: string) => void;
  onConfirmationChange: (value: string) => void;
  /** Which of the two the form's error is about, if either. */
  invalid: 'password' | 'confirmation' | null;
  errorId: string;
}

/** A new password under the rule, and its confirmation. */
export const NewPasswordFields = (props: NewPasswordFieldsProps) => (
  <>
    <PasswordField
      label={props.label}
      name="new-password"
      autoComplete="new-password"
      value={props.password}
      onChange={props.onPasswordChange}
      invalid={props.invalid === 'password'}
      errorId={props.errorId}
      withRule
    />
    <PasswordField
      label={`Confirm ${props.label.toLowerCase()}`}
      name="new-password-confirmation"
      autoComplete="new-password"
      value={props.confirmation}
      onChange={props.onConfirmationChange}
      invalid={props.invalid === 'confirmation'}
      errorId={props.errorId}
    />
  </>
);
