import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { formatFirmTime } from '@server/common/time/firm-time';
import { ChoosePasswordForm } from './choose-password-form';
import { InvitationProblem, isTokenProblem, type TokenProblemCode } from './invitation-problem';
import { LoadFailure } from './load-failure';
import { portalFetch, type PortalApiError } from './portal-api';
import { PortalLayout } from './portal-layout';
import { PortalLoading } from './portal-loading';
import type { AccountLinkPreview } from './portal-types';
import { forgotPasswordPath, SignInLink, useStaffLink } from './sign-in-link';
import { useLinkToken } from './use-link-token';

/**
 * /portal/set-password?token=…[&staff=1]: the landing of a password-reset link (staff or
 * contact) and of a staff invitation, where the new password is chosen.
 */
export const SetPasswordPage = () => {
  const token = useLinkToken();
  const staff = useStaffLink();
  if (!token) {
    return (
      <LinkProblem
        code="ACCOUNT_LINK_TOKEN_INVALID"
        message="This address has no link token. Open the link in your email again."
        staff={staff}
      />
    );
  }
  return <ChooseNewPassword token={token} staff={staff} />;
};

const LinkProblem = (props: { code: TokenProblemCode; message: string; staff: boolean }) => (
  <InvitationProblem code={props.code} message={props.message}>
    <p>
      <Link to={forgotPasswordPath(props.staff)} className="portal-button">
        Email me a new link
      </Link>
    </p>
    {props.code === 'ACCOUNT_LINK_USED' && (
      <p>
        <SignInLink staff={props.staff} className="portal-button portal-button-quiet">
          Sign in with your password
        </SignInLink>
      </p>
    )}
  </InvitationProblem>
);

const ChooseNewPassword = ({ token, staff }: { token: string; staff: boolean }) => {
  const headingId = useId();
  const preview = useQuery<AccountLinkPreview, PortalApiError>({
    queryKey: [`/api/auth/account-links/preview?token=${encodeURIComponent(token)}`],
  });
  // The link can also die between preview and submit (expired, superseded, used in another tab).
  const [refused, setRefused] = useState<PortalApiError | null>(null);
  const savePassword = useMutation({
    mutationFn: (password: string) =>
      portalFetch('/api/auth/account-links/use', { method: 'POST', body: { token, password } }),
  });
  const done = savePassword.isSuccess;

  const problem = refused ?? (preview.isError ? preview.error : null);
  if (problem && isTokenProblem(problem)) {
    return <LinkProblem code={problem.code} message={problem.message} staff={staff} />;
  }
  if (!preview.isSuccess) {
    return (
      <PortalLayout title="Choose a password">
        {preview.isPending ? (
          <PortalLoading label="Opening your link…" />
        ) : (
          <LoadFailure
            title="Your link could not be opened"
            error={preview.error}
            onRetry={() => void preview.refetch()}
          />
        )}
      </PortalLayout>
    );
  }

  const link = preview.data;
  const isStaff = link.audience === 'staff';
  const heading = done
    ? 'Your password is set'
    : link.purpose === 'staff_invitation'
      ? `Welcome to ${link.firmName}`
      : 'Choose a new password';
  return (
    <PortalLayout title={heading} firm={link}>
      <section className="portal-card" aria-labelledby={headingId}>
        <h1 id={headingId}>{heading}</h1>
        {done ? (
          <>
            <p className="portal-success" role="status">
              Sign in with {link.email} and your new password.
              {link.purpose === 'password_reset' &&
                ' Every other sign-in of your account has ended.'}
            </p>
            <SignInLink staff={isStaff} className="portal-button">
              Sign in
            </SignInLink>
          </>
        ) : (
          <>
            <p className="portal-lead">
              {link.purpose === 'staff_invitation'
                ? 'Choose the password of your staff account '
                : 'For your account '}
              <strong>{link.email}</strong>
            </p>
            <p>This link works once, until {formatFirmTime(link.expiresAt, link.timeZone)}.</p>
            <ChoosePasswordForm
              email={link.email}
              submitLabel={
                link.purpose === 'staff_invitation' ? 'Set my password' : 'Save my new password'
              }
              onSubmit={savePassword.mutateAsync}
              onTokenRefused={setRefused}
            />
          </>
        )}
      </section>
    </PortalLayout>
  );
};
