import { DomainException } from '../../common/errors/domain.exception';

export enum ClientsErrorCode {
  NOT_FOUND = 'CLIENT_NOT_FOUND',
  TAX_CLIENT_ID_TAKEN = 'CLIENT_TAX_CLIENT_ID_TAKEN',
  UNKNOWN_TAGS = 'CLIENT_UNKNOWN_TAGS',
}

export class ClientsException extends DomainException<ClientsErrorCode> {}
