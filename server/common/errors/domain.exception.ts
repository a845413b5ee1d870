import type { HttpStatus } from '@nestjs/common';

/**
 * Every error a module means to send: a stable code, the HTTP status its module declared for
 * it (see defineErrors) and a message for people.
 */
export class DomainException<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    readonly status: HttpStatus,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
