import { DomainException } from '../../common/errors/domain.exception';

export enum SegmentsErrorCode {
  IN_USE = 'SEGMENT_IN_USE',
}

export class SegmentsException extends DomainException<SegmentsErrorCode> {}
