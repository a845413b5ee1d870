import { DomainException } from '../../common/errors/domain.exception';

export enum TagsErrorCode {
  NOT_FOUND = 'TAG_NOT_FOUND',
  NAME_TAKEN = 'TAG_NAME_TAKEN',
  IN_USE = 'TAG_IN_USE',
}

export class TagsException extends DomainException<TagsErrorCode> {}
