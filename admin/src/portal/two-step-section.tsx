import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { MFA_PATHS, type MfaStatus } from '../shared/mfa-api';
import { CodeInput } from './code-input';
import { EnrolAuthenticatorForm } from './enrol-authenticator-form';
import { FormSubmit } from './form-fields';
import { PasswordField } from './password-field';
import { portalFetch, type PortalApiError } from './portal-api';
import { usePortalTime } from './portal-time';
import { RecoveryCodesList } from './recovery-codes-list';

type View = 'status' | 'enrol' | string[];

/** The profile's two-step sign-in: set up an app, new recovery codes, or turn it off. */
export const TwoStepSection = () => {
  const headingId = useId();
  const status = useQuery<MfaStatus, PortalApiError>({ queryKey: [MFA_PATHS.status] });
  const queryClient = useQueryClient();
  const statusChanged = () => void queryClient.invalidateQueries({ queryKey: [MFA_PATHS.status] });
  const [view, setView] = useState<View>('status');
  const formatTime = usePortalTime();
  const showCodes = (codes: string[]) => {
    setView(codes);
    statusChanged();
  };

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>Two-step sign-in</h2>
      {Array.isArray(view) ? (
        <RecoveryCodesList codes={view} onDone={() => setView('status')} />
      ) : view === 'enrol' ? (
        <EnrolAuthenticatorForm onEnrolled={(done) => showCodes(done.recoveryCodes)} />
      ) : !status.isSuccess ? null : status.data.enrolled ? (
        <>
          <p className="portal-success">
            On since {formatTime.moment(status.data.enrolledAt!)}. {status.data.recoveryCodesLeft}{' '}
            recovery codes left.
          </p>
          <ProveItForm
            button="Make new recovery codes"
            onProved={async (body) =>
              showCodes(
                (
                  await portalFetch<{ recoveryCodes: string[] }>(MFA_PATHS.recoveryCodes, {
                    method: 'POST',
                    body,
                  })
                ).recoveryCodes,
              )
            }
          />
          <ProveItForm
            button="Turn off two-step sign-in"
            allowPassword
            onProved={async (body) => {
              await portalFetch(MFA_PATHS.remove, { method: 'POST', body });
              statusChanged();
            }}
          />
        </>
      ) : (
        <>
          <p className="portal-hint">
            {status.data.required
              ? 'Your firm requires a code from an authenticator app at sign-in.'
              : 'Add a code from an authenticator app on your phone to your password.'}
          </p>
          <button type="button" className="portal-button" onClick={() => setView('enrol')}>
            Set up two-step sign-in
          </button>
        </>
      )}
    </section>
  );
};

/** A current code (or, where allowed, the password) before a change to two-step sign-in. */
const ProveItForm = ({
  button,
  allowPassword = false,
  onProved,
}: {
  button: string;
  allowPassword?: boolean;
  onProved: (body: { code: string } | { password: string }) => Promise<void>;
}) => {
  const errorId = useId();
  const [usePassword, setUsePassword] = useState(false);
  const [value, setValue] = useState('');
  const prove = useMutation({ mutationFn: onProved, onSuccess: () => setValue('') });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    prove.mutate(usePassword ? { password: value } : { code: value });
  };
  return (
    <form className="portal-form" onSubmit={submit} aria-label={button}>
      {usePassword ? (
        <PasswordField
          label="Password"
          name="current-password"
          autoComplete="current-password"
          value={value}
          onChange={setValue}
          invalid={Boolean(prove.error)}
          errorId={errorId}
        />
      ) : (
        <CodeInput label="Code from your app" value={value} onChange={setValue} />
      )}
      {allowPassword && (
        <p className="portal-hint">
          <button
            type="button"
            className="portal-link-button"
            onClick={() => {
              setUsePassword(!usePassword);
              setValue('');
            }}
          >
            {usePassword ? 'Use a code instead' : 'Use my password instead'}
          </button>
        </p>
      )}
      <FormSubmit error={prove.error} submitting={prove.isPending}>
        {button}
      </FormSubmit>
    </form>
  );
};
