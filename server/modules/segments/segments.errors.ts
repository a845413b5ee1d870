import { HttpStatus } from '@nestjs/common';
import { defineErrors } from '../../common/errors/define-errors';

export const SegmentsErrors = defineErrors({
  SEGMENT_IN_USE: HttpStatus.CONFLICT,
});
