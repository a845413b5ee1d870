import { HttpStatus } from '@nestjs/common';
import { defineErrors } from '../../common/errors/define-errors';

export const CampaignsErrors = defineErrors({
  CAMPAIGN_NOT_FOUND: HttpStatus.NOT_FOUND,
  CAMPAIGN_UNKNOWN_SEGMENT: HttpStatus.BAD_REQUEST,
  CAMPAIGN_NOT_DRAFT: HttpStatus.CONFLICT,
  CAMPAIGN_NOT_RUNNING: HttpStatus.CONFLICT,
  UNSUBSCRIBE_LINK_INVALID: HttpStatus.NOT_FOUND,
});

export const campaignNotFound = (id: string) =>
  CampaignsErrors.CAMPAIGN_NOT_FOUND(`No campaign with id ${id}`);
