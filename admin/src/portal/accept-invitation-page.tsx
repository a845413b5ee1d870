import { useEffect, useId, useState } from 'react';
import { formatFirmTime } from '../../../server/common/time/firm-time';
import { AcceptInvitationForm } from './accept-invitation-form';
import { InvitationProblem, isTokenProblem } from './invitation-problem';
import { LoadFailure } from './load-failure';
import type { PortalApiError } from './portal-api';
import { PortalLayout } from './portal-layout';
import { PortalLoading } from './portal-loading';
import type { InvitationPreview } from './portal-types';
import { useApiGet } from './use-api-get';

/**
 * The token from ?token=…, or, once it has left the address bar, from this tab's history
 * entry, so that a reload of the page still works.
 */
function readToken(): string | null {
  const fromAddress = new URLSearchParams(window.location.search).get('token');
  if (fromAddress) return fromAddress;
  const state = window.history.state as { invitationToken?: unknown } | null;
  return typeof state?.invitationToken === 'string' ? state.invitationToken : null;
}

/** /portal/accept?token=…: the invitation link's landing, where a client chooses a password. */
export const AcceptInvitationPage = () => {
  const [token] = useState(readToken);

  useEffect(() => {
    // The token is a password-like secret: keep it out of the address bar, where screenshots
    // and copied links would carry it.
    if (token) {
      window.history.replaceState({ invitationToken: token }, '', window.location.pathname);
    }
  }, [token]);

  if (!token) {
    return (
      <InvitationProblem
        code="INVITATION_TOKEN_INVALID"
        message="This address has no invitation token. Open the link in your invitation email again."
      />
    );
  }
  return <InvitationAcceptance token={token} />;
};

const InvitationAcceptance = ({ token }: { token: string }) => {
  const headingId = useId();
  const [preview, retry] = useApiGet<InvitationPreview>(
    `/api/portal/invitations/preview?token=${encodeURIComponent(token)}`,
  );
  // The token can also die between preview and submit (expired, revoked, used in another tab).
  const [refused, setRefused] = useState<PortalApiError | null>(null);

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
        <AcceptInvitationForm token={token} email={invitation.email} onTokenRefused={setRefused} />
      </section>
    </PortalLayout>
  );
};
