import { DomainException } from '../../common/errors/domain.exception';

export enum WebhooksErrorCode {
  SIGNATURE_INVALID = 'WEBHOOK_SIGNATURE_INVALID',
  NOT_CONFIGURED = 'WEBHOOK_NOT_CONFIGURED',
  PAYLOAD_INVALID = 'WEBHOOK_PAYLOAD_INVALID',
}

export class WebhooksException extends DomainException<WebhooksErrorCode> {}
