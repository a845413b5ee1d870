import { DomainException } from '../../common/errors/domain.exception';

export enum InvitationsErrorCode {
  NOT_FOUND = 'INVITATION_NOT_FOUND',
  NOT_PENDING = 'INVITATION_NOT_PENDING',
  REMIND_TOO_SOON = 'REMIND_TOO_SOON',
  UNKNOWN_TARGETS = 'INVITATION_UNKNOWN_TARGETS',
  WORKFLOWS_UNAVAILABLE = 'INVITATION_WORKFLOWS_UNAVAILABLE',
  TOKEN_INVALID = 'INVITATION_TOKEN_INVALID',
  EXPIRED = 'INVITATION_EXPIRED',
  USED = 'INVITATION_USED',
  REVOKED = 'INVITATION_REVOKED',
}

export class InvitationsException extends DomainException<InvitationsErrorCode> {}
