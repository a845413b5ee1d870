import { DomainException } from '../../common/errors/domain.exception';

export enum AccountLinksErrorCode {
  TOKEN_INVALID = 'ACCOUNT_LINK_TOKEN_INVALID',
  EXPIRED = 'ACCOUNT_LINK_EXPIRED',
  USED = 'ACCOUNT_LINK_USED',
  REVOKED = 'ACCOUNT_LINK_REVOKED',
  TOO_MANY_REQUESTS = 'PASSWORD_RESET_TOO_MANY_REQUESTS',
}

export class AccountLinksException extends DomainException<AccountLinksErrorCode> {}
