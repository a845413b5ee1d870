import { useId, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { PortalApiError } from './portal-api';
import { PortalLayout } from './portal-layout';

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
  /**
   * Our own words (no token in the address) or the API's (an account link); else the page's
   * words for the code.
   */
  message?: string;
  /** The way on, for links that offer their own (a new link); else the portal's sign-in. */
  children?: ReactNode;
}

/**
 * What is shown instead of the password form when an emailed link cannot be used: what
 * happened once, what to do, and the way on.
 */
export const InvitationProblem = ({ code, message, children }: InvitationProblemProps) => {
  const headingId = useId();
  const { heading, explanation, advice } = TOKEN_PROBLEMS[code];
  const used = code === 'INVITATION_USED';
  const lead = message ?? explanation;
  return (
    <PortalLayout title={heading}>
      <section className="portal-card" aria-labelledby={headingId}>
        <h1 id={headingId}>{heading}</h1>
        {advice ? (
          <>
            {lead && <p className="portal-lead">{lead}</p>}
            <p role="alert">{advice}</p>
          </>
        ) : (
          lead && (
            <p className="portal-lead" role="alert">
              {lead}
            </p>
          )
        )}
        {children ?? (
          <p>
            <Link to="/portal/login" className={used ? 'portal-button' : 'portal-inline-link'}>
              {used ? 'Sign in' : 'Already set your password? Sign in'}
            </Link>
          </p>
        )}
      </section>
    </PortalLayout>
  );
};
