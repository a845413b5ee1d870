import { useEffect, useId, useState } from 'react';
import {
  groupedSecret,
  MFA_PATHS,
  type EnrolmentDone,
  type EnrolmentStart,
} from '../shared/mfa-api';
import { CodeInput } from './code-input';
import { FormSubmit } from './form-fields';
import { portalFetch, type PortalApiError } from './portal-api';
import type { PortalMe } from './portal-types';
import { useFormSubmit } from './use-form-submit';

/**
 * Setting up an authenticator app: the QR code (or the key to type), then its first code. At
 * sign-in the answer also carries the completed sign-in.
 */
export const EnrolAuthenticatorForm = ({
  onEnrolled,
}: {
  onEnrolled: (done: EnrolmentDone<PortalMe>) => void;
}) => {
  const headingId = useId();
  const [start, setStart] = useState<EnrolmentStart>();
  const [code, setCode] = useState('');
  const { submit, error, setError, submitting } = useFormSubmit(async () =>
    onEnrolled(
      await portalFetch<EnrolmentDone<PortalMe>>(MFA_PATHS.confirm, {
        method: 'POST',
        body: { code },
      }),
    ),
  );

  useEffect(() => {
    const abort = new AbortController();
    portalFetch<EnrolmentStart>(MFA_PATHS.enrolment, {
      method: 'POST',
      body: {},
      signal: abort.signal,
    }).then(setStart, (failure: PortalApiError) => {
      if (!abort.signal.aborted) setError(failure.message);
    });
    return () => abort.abort();
  }, []);

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>Set up two-step sign-in</h2>
      {start ? (
        <form className="portal-form" onSubmit={submit}>
          <p className="portal-lead">
            Scan this QR code with an authenticator app (Google Authenticator, Microsoft
            Authenticator, 1Password…), then type the 6-digit code it shows.
          </p>
          <img className="portal-qr" src={start.qrCode} alt="QR code for your authenticator app" />
          <p className="portal-hint">
            Can't scan? Type this key into the app:{' '}
            <code aria-label="Secret key">{groupedSecret(start.secret)}</code>
          </p>
          <CodeInput label="Authentication code" value={code} onChange={setCode} />
          <FormSubmit error={error} submitting={submitting}>
            Turn on two-step sign-in
          </FormSubmit>
        </form>
      ) : (
        <p className={error ? 'portal-error' : 'portal-hint'} role={error ? 'alert' : undefined}>
          {error ?? 'Preparing your authenticator set-up…'}
        </p>
      )}
    </section>
  );
};
