import { DomainException } from '../../common/errors/domain.exception';

export enum PlaybooksErrorCode {
  NOT_FOUND = 'PLAYBOOK_NOT_FOUND',
  NAME_TAKEN = 'PLAYBOOK_NAME_TAKEN',
  UNKNOWN_REFERENCES = 'PLAYBOOK_UNKNOWN_REFERENCES',
  RUN_NOT_FOUND = 'PLAYBOOK_RUN_NOT_FOUND',
  RUN_ENDED = 'PLAYBOOK_RUN_ENDED',
}

export class PlaybooksException extends DomainException<PlaybooksErrorCode> {}

export const playbookNotFound = (id: string) =>
  new PlaybooksException(PlaybooksErrorCode.NOT_FOUND, `No playbook with id ${id}`);

export const runNotFound = (id: string) =>
  new PlaybooksException(PlaybooksErrorCode.RUN_NOT_FOUND, `No playbook run with id ${id}`);
