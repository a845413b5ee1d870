import { DomainException } from '../errors/domain.exception';

export enum AuthErrorCode {
  UNAUTHENTICATED = 'AUTH_UNAUTHENTICATED',
  INVALID_CREDENTIALS = 'AUTH_INVALID_CREDENTIALS',
  LOCKED = 'AUTH_LOCKED',
  FORBIDDEN = 'AUTH_FORBIDDEN',
}

export class AuthException extends DomainException<AuthErrorCode> {}
