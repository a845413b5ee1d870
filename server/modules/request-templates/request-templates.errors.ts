import { HttpStatus } from '@nestjs/common';
import { defineErrors } from '../../common/errors/define-errors';

export const RequestTemplatesErrors = defineErrors({
  // Names are form errors, like a tag's (400); deleting what a playbook uses is a conflict.
  REQUEST_TEMPLATE_NOT_FOUND: HttpStatus.NOT_FOUND,
  REQUEST_TEMPLATE_NAME_TAKEN: HttpStatus.BAD_REQUEST,
  REQUEST_TEMPLATE_IN_USE: HttpStatus.CONFLICT,
});

export const templateNotFound = (id: string) =>
  RequestTemplatesErrors.REQUEST_TEMPLATE_NOT_FOUND(`No request template with id ${id}`);
