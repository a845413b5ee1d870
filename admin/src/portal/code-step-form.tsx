import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { MFA_PATHS } from '../shared/mfa-api';
import { CodeInput } from './code-input';
import { FormSubmit } from './form-fields';
import { portalFetch } from './portal-api';

/** Second step of sign-in: the app's code, or one of the recovery codes. */
export const CodeStepForm = ({ onSignedIn }: { onSignedIn: () => void }) => {
  const [recovery, setRecovery] = useState(false);
  const [value, setValue] = useState('');
  const verify = useMutation({
    mutationFn: () =>
      portalFetch(MFA_PATHS.verify, {
        method: 'POST',
        body: recovery ? { recoveryCode: value } : { code: value },
      }),
    onSuccess: onSignedIn,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    verify.mutate();
  };

  return (
    <form className="portal-form" onSubmit={submit}>
      <p className="portal-lead">
        {recovery
          ? 'Type one of the recovery codes you saved when you set up two-step sign-in.'
          : 'Open your authenticator app and type the 6-digit code it shows.'}
      </p>
      <CodeInput
        key={String(recovery)}
        label={recovery ? 'Recovery code' : 'Authentication code'}
        value={value}
        onChange={setValue}
        recovery={recovery}
      />
      <FormSubmit error={verify.error} submitting={verify.isPending}>
        Verify
      </FormSubmit>
      <p className="portal-hint">
        <button
          type="button"
          className="portal-link-button"
          onClick={() => {
            setRecovery(!recovery);
            setValue('');
            verify.reset();
          }}
        >
          {recovery ? 'Use the code from my app' : 'Lost your phone? Use a recovery code'}
        </button>
      </p>
    </form>
  );
};
