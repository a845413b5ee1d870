import { DomainException } from '../../common/errors/domain.exception';

export enum StaffErrorCode {
  NOT_FOUND = 'STAFF_NOT_FOUND',
  EMAIL_TAKEN = 'STAFF_EMAIL_TAKEN',
  LAST_ADMIN = 'STAFF_LAST_ADMIN',
  WRONG_PASSWORD = 'STAFF_WRONG_PASSWORD',
}

export class StaffException extends DomainException<StaffErrorCode> {}
