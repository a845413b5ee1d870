import { DomainException } from '../../errors/domain.exception';

export enum MfaErrorCode {
  CODE_INVALID = 'MFA_CODE_INVALID',
  LOCKED = 'MFA_LOCKED',
  NOT_ENROLLED = 'MFA_NOT_ENROLLED',
  ALREADY_ENROLLED = 'MFA_ALREADY_ENROLLED',
  NO_ENROLMENT_STARTED = 'MFA_NO_ENROLMENT_STARTED',
  CHALLENGE_INVALID = 'MFA_CHALLENGE_INVALID',
  ACCOUNT_NOT_FOUND = 'MFA_ACCOUNT_NOT_FOUND',
}

export class MfaException extends DomainException<MfaErrorCode> {}
