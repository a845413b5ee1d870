import { useId } from 'react';

/** One labelled field of the two-step forms: the app's 6-digit code, or a recovery code. */
export const CodeInput = ({
  label,
  value,
  onChange,
  recovery = false,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  recovery?: boolean;
}) => {
  const id = useId();
  return (
    <div className="portal-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        required
        autoFocus
        autoComplete={recovery ? 'off' : 'one-time-code'}
        inputMode={recovery ? 'text' : 'numeric'}
        maxLength={recovery ? 40 : 6}
        value={value}
        onChange={(event) =>
          onChange(recovery ? event.target.value : event.target.value.replace(/\D/g, ''))
        }
      />
    </div>
  );
};
