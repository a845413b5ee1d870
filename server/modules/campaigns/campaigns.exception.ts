import { DomainException } from '../../common/errors/domain.exception';

export enum CampaignsErrorCode {
  NOT_FOUND = 'CAMPAIGN_NOT_FOUND',
  UNKNOWN_SEGMENT = 'CAMPAIGN_UNKNOWN_SEGMENT',
  NOT_DRAFT = 'CAMPAIGN_NOT_DRAFT',
  NOT_RUNNING = 'CAMPAIGN_NOT_RUNNING',
  WORKFLOWS_UNAVAILABLE = 'CAMPAIGN_WORKFLOWS_UNAVAILABLE',
  UNSUBSCRIBE_LINK_INVALID = 'UNSUBSCRIBE_LINK_INVALID',
}

export class CampaignsException extends DomainException<CampaignsErrorCode> {}

export const campaignNotFound = (id: string) =>
  new CampaignsException(CampaignsErrorCode.NOT_FOUND, `No campaign with id ${id}`);
