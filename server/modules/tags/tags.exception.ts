import { DomainException } from '../../common/errors/domain.exception';

export enum TagsErrorCode {
  NOT_FOUND = 'TAG_NOT_FOUND',
  NAME_TAKEN = 'TAG_NAME_TAKEN',
}

export class TagsException extends DomainException<TagsErrorCode> {}
