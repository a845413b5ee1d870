import { HttpStatus } from '@nestjs/common';
import { defineErrors } from '../../common/errors/define-errors';

export const WebhooksErrors = defineErrors({
  WEBHOOK_SIGNATURE_INVALID: HttpStatus.UNAUTHORIZED,
  WEBHOOK_NOT_CONFIGURED: HttpStatus.UNAUTHORIZED,
  WEBHOOK_PAYLOAD_INVALID: HttpStatus.BAD_REQUEST,
});
