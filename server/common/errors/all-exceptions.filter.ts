import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Response } from 'express';
import { CommonErrors } from './common.errors';
import { isDatabaseUnreachable } from './database-unreachable';
import { DomainException } from './domain.exception';
import { loggableError } from './loggable-error';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

/** Every error leaves the API as `{ statusCode, code, message, details? }`; internals never do. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllExceptionsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) this.logger.error(loggableError(exception));
    if (!res.headersSent) res.status(body.statusCode).json(body);
  }

  private toBody(thrown: unknown): ErrorBody {
    const exception = isDatabaseUnreachable(thrown)
      ? CommonErrors.DATABASE_UNAVAILABLE('The database is not answering. Try again shortly.')
      : thrown;
    if (exception instanceof DomainException) {
      return {
        statusCode: exception.status,
        code: exception.code,
        message: exception.message,
        details: exception.details,
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      return { statusCode, code: httpCode(statusCode), message: httpMessage(exception) };
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'INTERNAL_ERROR',
      message: 'Something went wrong on our side. The error has been logged.',
    };
  }
}

function httpCode(status: number): string {
  const name = HttpStatus[status];
  return typeof name === 'string' ? name : 'HTTP_ERROR';
}

function httpMessage(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : String(message ?? exception.message);
}
