import { HttpStatus, Logger } from '@nestjs/common';
import { defineErrors } from '../common/errors/define-errors';
import { DomainException } from '../common/errors/domain.exception';

const TemporalErrors = defineErrors({ WORKFLOWS_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE });
const logger = new Logger('Temporal');

/**
 * The one answer to a request that needed Temporal when Temporal could not be reached: a 503
 * (the caller puts back whatever it wrote first, so nothing changed). Logs the cause.
 */
export function temporalUnavailable(cause: unknown): DomainException {
  logger.error(cause);
  return TemporalErrors.WORKFLOWS_UNAVAILABLE(
    'The workflow service is not reachable, so nothing changed. Try again in a moment.',
  );
}

export const isTemporalUnavailable = (e: unknown): boolean =>
  e instanceof DomainException && e.code in TemporalErrors;
