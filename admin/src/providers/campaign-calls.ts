import type { Identifier } from 'react-admin';
import type { CampaignAudience, CampaignPreview, CampaignView } from '../types';
import { httpClient, postJson } from './http-client';

const campaignUrl = (id: Identifier, action: string) =>
  `/api/campaigns/${encodeURIComponent(id)}/${action}`;

export interface CampaignPreviewBody {
  subject: string;
  body: string;
  segmentId?: Identifier | null;
}

/** The data provider's calls on campaigns beyond the REST contract. */
export const campaignCalls = {
  /** The message being composed, filled in for the segment's first reachable contact. */
  previewCampaign: (body: CampaignPreviewBody, signal?: AbortSignal) =>
    postJson<CampaignPreview>('/api/campaigns/preview', body, signal),
  /** Who the segment reaches now: the count before sending. */
  getCampaignAudience: async (id: Identifier, signal?: AbortSignal) => {
    const { json } = await httpClient(campaignUrl(id, 'audience'), { signal });
    return json as CampaignAudience;
  },
  /** One email to the caller, subject prefixed "[Test] ". */
  sendCampaignTest: (id: Identifier) =>
    postJson<{ emailId: string; to: string }>(campaignUrl(id, 'test')),
  /** Now, or at `scheduledAt` (ISO); answers with the campaign sending or scheduled. */
  sendCampaign: (id: Identifier, scheduledAt?: string) =>
    postJson<CampaignView>(campaignUrl(id, 'send'), scheduledAt ? { scheduledAt } : {}),
  cancelCampaign: (id: Identifier) => postJson<CampaignView>(campaignUrl(id, 'cancel')),
};
