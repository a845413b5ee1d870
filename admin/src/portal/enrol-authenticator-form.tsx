import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import {
  groupedSecret,
  MFA_PATHS,
  type EnrolmentDone,
  type EnrolmentStart,
} from '../shared/mfa-api';
import { CodeInput } from './code-input';
import { FormSubmit } from './form-fields';
import { portalFetch } from './portal-api';
import type { PortalMe } from './portal-types';

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
  const [code, setCode] = useState('');
  const start = useMutation({
    mutationFn: () =>
      portalFetch<EnrolmentStart>(MFA_PATHS.enrolment, { method: 'POST', body: {} }),
  });
  const confirm = useMutation({
    mutationFn: () =>
      portalFetch<EnrolmentDone<PortalMe>>(MFA_PATHS.confirm, { method: 'POST', body: { code } }),
    onSuccess: onEnrolled,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    confirm.mutate();
  };

  // A new secret each time the form opens.
  const begin = start.mutate;
  useEffect(() => begin(), [begin]);

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>Set up two-step sign-in</h2>
      {start.isSuccess ? (
        <form className="portal-form" onSubmit={submit}>
          <p className="portal-lead">
            Scan this QR code with an authenticator app (Google Authenticator, Microsoft
            Authenticator, 1Password…), then type the 6-digit code it shows.
          </p>
          <img
            className="portal-qr"
            src={start.data.qrCode}
            alt="QR code for your authenticator app"
          />
          <p className="portal-hint">
            Can't scan? Type this key into the app:{' '}
            <code aria-label="Secret key">{groupedSecret(start.data.secret)}</code>
          </p>
          <CodeInput label="Authentication code" value={code} onChange={setCode} />
          <FormSubmit error={confirm.error} submitting={confirm.isPending}>
            Turn on two-step sign-in
          </FormSubmit>
        </form>
      ) : (
        <p
          className={start.isError ? 'portal-error' : 'portal-hint'}
          role={start.isError ? 'alert' : undefined}
        >
          {start.error?.message ?? 'Preparing your authenticator set-up…'}
        </p>
      )}
    </section>
  );
};
