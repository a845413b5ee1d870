import { useId, type ReactNode } from 'react';

interface EmailFieldProps {
  value: string;
  onChange: (value: string) => void;
}

/** The sign-in email of the portal's forms (sign-in, forgotten password). */
export const EmailField = ({ value, onChange }: EmailFieldProps) => {
  const id = useId();
  return (
    <div className="portal-field">
      <label htmlFor={id}>Email</label>
      <input
        id={id}
        type="email"
        name="email"
        autoComplete="username"
        required
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
};

interface FormSubmitProps {
  /** The API's refusal, shown above the button. */
  error: Error | null;
  submitting: boolean;
  children: ReactNode;
}

/** A form's error, if any, and its one button. */
export const FormSubmit = ({ error, submitting, children }: FormSubmitProps) => (
  <>
    {error && (
      <p className="portal-error" role="alert">
        {error.message}
      </p>
    )}
    <button type="submit" className="portal-button" disabled={submitting}>
      {children}
    </button>
  </>
);
