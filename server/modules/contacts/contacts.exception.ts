import { DomainException } from '../../common/errors/domain.exception';

export enum ContactsErrorCode {
  NOT_FOUND = 'CONTACT_NOT_FOUND',
  EMAIL_TAKEN = 'CONTACT_EMAIL_TAKEN',
  UNKNOWN_CLIENTS = 'CONTACT_UNKNOWN_CLIENTS',
}

export class ContactsException extends DomainException<ContactsErrorCode> {}
