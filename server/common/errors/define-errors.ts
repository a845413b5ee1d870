import type { HttpStatus } from '@nestjs/common';
import { DomainException } from './domain.exception';

/** Each code a module can answer with, and the HTTP status it answers with. */
export type ErrorTable = Record<string, HttpStatus>;

/** One factory per code: the exception to throw, carrying its status. */
export type ErrorFactories<T extends ErrorTable> = {
  readonly [Code in keyof T & string]: (
    message: string,
    details?: unknown,
  ) => DomainException<Code>;
};

/**
 * A module's errors, declared where they are thrown: `defineErrors({ CLIENT_NOT_FOUND:
 * HttpStatus.NOT_FOUND })` gives `CLIENT_NOT_FOUND(message)`, which the exception filter sends
 * as a 404 with that code.
 */
export function defineErrors<const T extends ErrorTable>(table: T): ErrorFactories<T> {
  return Object.fromEntries(
    Object.entries(table).map(([code, status]) => [
      code,
      (message: string, details?: unknown) => new DomainException(code, status, message, details),
    ]),
  ) as ErrorFactories<T>;
}
