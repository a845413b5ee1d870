import { useId, useState } from 'react';
import { isSecondFactorDue, type SecondFactorDue } from '../shared/mfa-api';
import { ChoosePasswordForm } from './choose-password-form';
import { formatFirmTime } from '../../../server/common/time/firm-time';
import { InvitationProblem, isTokenProblem } from './invitation-problem';
import { LoadFailure } from './load-failure';
import { portalFetch, type PortalApiError } from './portal-api';
import { PortalLayout } from './portal-layout';
import { PortalLoading } from './portal-loading';
import { navigate } from './portal-router';
import { SecondStep } from './second-step';
import { landingPath } from './sign-in-return';
import type { InvitationPreview, PortalMe } from './portal-types';
import { useApiGet } from './use-api-get';
import { useLinkToken } from './use-link-token';

/** /portal/accept?token=…: the invitation link's landing, where a client chooses a password. */
export const AcceptInvitationPage = () => {
  const token = useLinkToken();
  // Where the link lands once the password is set (a file request sent with the invitation);
  // only the token leaves the address bar, so a reload still knows it.
  const [landing] = useState(() =>
    landingPath(new URLSearchParams(window.location.search).get('next')),
  );
  if (!token) {
    return (
      <InvitationProblem
        code="INVITATION_TOKEN_INVALID"
        message="This address has no invitation token. Open the link in your invitation email again."
      />
    );
  }
  return <InvitationAcceptance token={token} landing={landing} />;
};

const InvitationAcceptance = ({ token, landing }: { token: string; landing: string }) => {
  const headingId = useId();
  const [preview, retry] = useApiGet<InvitationPreview>(
    `/api/portal/invitations/preview?token=${encodeURIComponent(token)}`,
  );
  // The token can also die between preview and submit (expired, revoked, used in another tab).
  const [refused, setRefused] = useState<PortalApiError | null>(null);
  // The firm requires a second factor of contacts: set up before the portal opens.
  const [due, setDue] = useState<SecondFactorDue['secondFactor']>();

  const problem = refused ?? (preview.status === 'failed' ? preview.error : null);
  if (problem && isTokenProblem(problem)) {
    return <InvitationProblem code={problem.code} />;
  }
  if (preview.status !== 'ok') {
    return (
      <PortalLayout title="Your invitation">
        {preview.status === 'loading' ? (
          <PortalLoading label="Opening your invitation…" />
        ) : (
          <LoadFailure
            title="Your invitation could not be opened"
            error={preview.error}
            onRetry={retry}
          />
        )}
      </PortalLayout>
    );
  }

  const invitation = preview.data;
  if (due) {
    return (
      <PortalLayout title={`Welcome to ${invitation.firmName}`} firm={invitation}>
        <section className="portal-card" aria-labelledby={headingId}>
          <h1 id={headingId}>Two-step sign-in</h1>
          <p className="portal-lead">
            {invitation.firmName} asks for a code from an authenticator app as well as your
            password.
          </p>
          <SecondStep due={due} onDone={() => navigate(landing, { replace: true })} />
        </section>
      </PortalLayout>
    );
  }
  return (
    <PortalLayout title={`Welcome to ${invitation.firmName}`} firm={invitation}>
      <section className="portal-card" aria-labelledby={headingId}>
        <h1 id={headingId}>Welcome to {invitation.firmName}</h1>
        <p className="portal-lead">
          You're setting up access for <strong>{invitation.email}</strong>
        </p>
        <p>
          Choose a password to finish. This link works until{' '}
          {formatFirmTime(invitation.expiresAt, invitation.timeZone)}.
        </p>
        <ChoosePasswordForm
          email={invitation.email}
          submitLabel="Create my account"
          // The API signs the client in.
          onSubmit={async (password) => {
            const answer = await portalFetch<PortalMe | SecondFactorDue>(
              '/api/portal/invitations/accept',
              { method: 'POST', body: { token, password } },
            );
            if (isSecondFactorDue(answer)) setDue(answer.secondFactor);
            else navigate(landing, { replace: true });
          }}
          onTokenRefused={setRefused}
        />
      </section>
    </PortalLayout>
  );
};
