import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { isSecondFactorDue, type SecondFactorDue } from '../shared/mfa-api';
import { ChoosePasswordForm } from './choose-password-form';
import { formatFirmTime } from '@server/common/time/firm-time';
import { InvitationProblem, isTokenProblem } from './invitation-problem';
import { LoadFailure } from './load-failure';
import { portalFetch, type PortalApiError } from './portal-api';
import { PortalLayout } from './portal-layout';
import { PortalLoading } from './portal-loading';
import { SecondStep } from './second-step';
import { landingPath } from './sign-in-return';
import type { InvitationPreview, PortalMe } from './portal-types';
import { useLinkToken } from './use-link-token';

/** /portal/accept?token=…: the invitation link's landing, where a client chooses a password. */
export const AcceptInvitationPage = () => {
  const token = useLinkToken();
  // Where the link lands once the password is set (a file request sent with the invitation);
  // only the token leaves the address bar, so a reload still knows it.
  const landing = landingPath(useSearchParams()[0].get('next'));
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
  const navigate = useNavigate();
  const preview = useQuery<InvitationPreview, PortalApiError>({
    queryKey: [`/api/portal/invitations/preview?token=${encodeURIComponent(token)}`],
  });
  // The token can also die between preview and submit (expired, revoked, used in another tab).
  const [refused, setRefused] = useState<PortalApiError | null>(null);
  // The API signs the client in.
  const accept = useMutation({
    mutationFn: (password: string) =>
      portalFetch<PortalMe | SecondFactorDue>('/api/portal/invitations/accept', {
        method: 'POST',
        body: { token, password },
      }),
    onSuccess: (answer) => {
      if (!isSecondFactorDue(answer)) navigate(landing, { replace: true });
    },
  });
  // The firm requires a second factor of contacts: set up before the portal opens.
  const due = isSecondFactorDue(accept.data) ? accept.data.secondFactor : undefined;

  const problem = refused ?? (preview.isError ? preview.error : null);
  if (problem && isTokenProblem(problem)) {
    return <InvitationProblem code={problem.code} />;
  }
  if (!preview.isSuccess) {
    return (
      <PortalLayout title="Your invitation">
        {preview.isPending ? (
          <PortalLoading label="Opening your invitation…" />
        ) : (
          <LoadFailure
            title="Your invitation could not be opened"
            error={preview.error}
            onRetry={() => void preview.refetch()}
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
          onSubmit={accept.mutateAsync}
          onTokenRefused={setRefused}
        />
      </section>
    </PortalLayout>
  );
};
