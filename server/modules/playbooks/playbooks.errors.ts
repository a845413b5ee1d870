import { HttpStatus } from '@nestjs/common';
import { defineErrors } from '../../common/errors/define-errors';

export const PlaybooksErrors = defineErrors({
  PLAYBOOK_NOT_FOUND: HttpStatus.NOT_FOUND,
  PLAYBOOK_NAME_TAKEN: HttpStatus.BAD_REQUEST,
  PLAYBOOK_UNKNOWN_REFERENCES: HttpStatus.BAD_REQUEST,
  PLAYBOOK_RUN_NOT_FOUND: HttpStatus.NOT_FOUND,
  PLAYBOOK_RUN_ENDED: HttpStatus.CONFLICT,
});

export const playbookNotFound = (id: string) =>
  PlaybooksErrors.PLAYBOOK_NOT_FOUND(`No playbook with id ${id}`);

export const runNotFound = (id: string) =>
  PlaybooksErrors.PLAYBOOK_RUN_NOT_FOUND(`No playbook run with id ${id}`);
