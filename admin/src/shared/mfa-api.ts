import type { SecondFactorDue } from '@server/common/auth/mfa/mfa.view';

export type { EnrolmentStart, MfaStatus, SecondFactorDue } from '@server/common/auth/mfa/mfa.view';

/** The two-step sign-in API, as the console and the portal both call it. */
export const MFA_PATHS = {
  status: '/api/auth/mfa',
  enrolment: '/api/auth/mfa/enrolment',
  confirm: '/api/auth/mfa/enrolment/confirm',
  verify: '/api/auth/mfa/verify',
  remove: '/api/auth/mfa/remove',
  recoveryCodes: '/api/auth/mfa/recovery-codes',
} as const;

/** Whether the password step answered that a second factor is due. */
export const isSecondFactorDue = (answer: unknown): answer is SecondFactorDue =>
  typeof answer === 'object' && answer !== null && 'secondFactor' in answer;

export interface EnrolmentDone<Account> {
  recoveryCodes: string[];
  /** Present when the enrolment completed a sign-in. */
  signedIn?: Account;
}

/** The secret in groups of four, easier to type into an app by hand. */
export const groupedSecret = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;
