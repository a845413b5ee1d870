import { useId, type ReactNode } from 'react';
import type { PortalApiError } from './portal-api';
import { PortalLayout } from './portal-layout';
import { PortalLink } from './portal-link';

const TOKEN_PROBLEMS = {
  INVITATION_TOKEN_INVALID: {
    heading: 'This link is not valid',
    explanation: null,
    advice:
      'Check that you opened the whole link from the email, or ask your firm to send you a new invitation.',
  },
  INVITATION_EXPIRED: {
    heading: 'This invitation has expired',
    explanation: null,
    advice: 'Ask your firm to send you a new invitation.',
  },
  INVITATION_USED: {
    heading: 'This invitation was already used',
    explanation: null,
    // An accepted contact is not invited again, so a new invitation is not the way back in.
    advice: 'Your password is already set: sign in with your email and that password.',
  },
  INVITATION_REVOKED: {
    heading: 'This link is no longer active',
    explanation: 'Your firm sent a newer link or withdrew this invitation.',
    advice:
      'Use the link in the most recent email from your firm, or ask them to send you a new invitation.',
  },
  // Password reset and staff invitation links: the page offers a new link itself.
  ACCOUNT_LINK_TOKEN_INVALID: {
    heading: 'This link is not valid',
    explanation: null,
    advice: null,
  },
  ACCOUNT_LINK_EXPIRED: { heading: 'This link has expired', explanation: null, advice: null },
  ACCOUNT_LINK_USED: { heading: 'This link was already used', explanation: null, advice: null },
  ACCOUNT_LINK_REVOKED: {
    heading: 'This link is no longer active',
    explanation: null,
    advice: null,
  },
} as const;

export type TokenProblemCode = keyof typeof TOKEN_PROBLEMS;

/** Whether the API refused the invitation token itself (as opposed to the password, or an outage). */
export const isTokenProblem = (
  error: PortalApiError,
): error is PortalApiError & { code: TokenProblemCode } =>
  error.code !== undefined && Object.hasOwn(TOKEN_PROBLEMS, error.code);

interface InvitationProblemProps {
  code: TokenProblemCode;
  /** The API's own words, or ours when the address has no token at all. */
  message: string;
  /** The way on (sign in, a new link). */
  children?: ReactNode;
}

/** What is shown instead of the password form when an emailed link cannot be used. */
export const InvitationProblem = ({ code, message, children }: InvitationProblemProps) => {
  const headingId = useId();
  const { heading, explanation, advice } = TOKEN_PROBLEMS[code];
  return (
    <PortalLayout title={heading}>
      <section className="portal-card" aria-labelledby={headingId}>
        <h1 id={headingId}>{heading}</h1>
        {explanation && <p className="portal-lead">{explanation}</p>}
        <p role="alert">{message}</p>
        {advice && <p>{advice}</p>}
        {children}
        {code === 'INVITATION_USED' && (
          <PortalLink href="/portal/login" className="portal-button">
            Sign in
          </PortalLink>
        )}
      </section>
    </PortalLayout>
  );
};
