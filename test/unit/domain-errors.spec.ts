import { HttpStatus, Logger, type ArgumentsHost } from '@nestjs/common';
import {
  AllExceptionsFilter,
  type ErrorBody,
} from '../../server/common/errors/all-exceptions.filter';
import { defineErrors } from '../../server/common/errors/define-errors';
import {
  isTemporalUnavailable,
  temporalUnavailable,
} from '../../server/temporal/temporal-unavailable';

/** What the exception filter answers to `thrown`. */
function answer(thrown: unknown): { status: number; body: ErrorBody } {
  const sent = { status: 0, body: undefined as unknown as ErrorBody };
  const res = {
    headersSent: false,
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: ErrorBody) {
      sent.body = body;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
  new AllExceptionsFilter().catch(thrown, host);
  return sent;
}

describe('domain errors', () => {
  beforeAll(() => Logger.overrideLogger(false));

  const Errors = defineErrors({
    THING_NOT_FOUND: HttpStatus.NOT_FOUND,
    THING_IN_USE: HttpStatus.CONFLICT,
  });

  it('leave the API with the status their module declared beside the code', () => {
    expect(answer(Errors.THING_IN_USE('In use.', { by: 2 }))).toEqual({
      status: 409,
      body: { statusCode: 409, code: 'THING_IN_USE', message: 'In use.', details: { by: 2 } },
    });
    expect(answer(Errors.THING_NOT_FOUND('No thing.')).status).toBe(404);
  });

  it('Temporal out of reach is one 503, whichever module needed it', () => {
    const unavailable = temporalUnavailable(new Error('UNAVAILABLE: connection refused'));
    expect(isTemporalUnavailable(unavailable)).toBe(true);
    expect(isTemporalUnavailable(Errors.THING_IN_USE('In use.'))).toBe(false);
    expect(answer(unavailable).body).toMatchObject({
      statusCode: 503,
      code: 'WORKFLOWS_UNAVAILABLE',
    });
  });
});
