import { DomainException } from '../../common/errors/domain.exception';

export enum RequestTemplatesErrorCode {
  NOT_FOUND = 'REQUEST_TEMPLATE_NOT_FOUND',
  NAME_TAKEN = 'REQUEST_TEMPLATE_NAME_TAKEN',
  IN_USE = 'REQUEST_TEMPLATE_IN_USE',
}

export class RequestTemplatesException extends DomainException<RequestTemplatesErrorCode> {}

export const templateNotFound = (id: string) =>
  new RequestTemplatesException(
    RequestTemplatesErrorCode.NOT_FOUND,
    `No request template with id ${id}`,
  );
