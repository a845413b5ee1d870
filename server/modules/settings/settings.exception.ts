import { DomainException } from '../../common/errors/domain.exception';

export enum SettingsErrorCode {
  SENDER_NOT_ALLOWED = 'SENDER_NOT_ALLOWED',
  NO_SENDING_DOMAIN = 'NO_SENDING_DOMAIN',
}

export class SettingsException extends DomainException<SettingsErrorCode> {}
