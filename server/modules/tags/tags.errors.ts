import { HttpStatus } from '@nestjs/common';
import { defineErrors } from '../../common/errors/define-errors';

export const TagsErrors = defineErrors({
  TAG_NOT_FOUND: HttpStatus.NOT_FOUND,
  // Issue #2 asks for 400 on a duplicate tag name: it is a form error the user fixes.
  TAG_NAME_TAKEN: HttpStatus.BAD_REQUEST,
  TAG_IN_USE: HttpStatus.CONFLICT,
});
