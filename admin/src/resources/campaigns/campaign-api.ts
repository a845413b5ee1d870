import type { Identifier } from 'react-admin';
import { httpClient, postJson as post } from '../../providers/http-client';
import type { CampaignAudience, CampaignPreview, CampaignView } from '../../types';

const campaignUrl = (id: Identifier, action: string) =>
  `/api/campaigns/${encodeURIComponent(id)}/${action}`;

export interface CampaignPreviewBody {
  subject: string;
  body: string;
  segmentId?: Identifier | null;
}

export const campaignApi = {
  /** The message being composed, filled in for the segment's first reachable contact. */
  preview: (body: CampaignPreviewBody, signal?: AbortSignal) =>
    post<CampaignPreview>('/api/campaigns/preview', body, signal),
  /** Who the segment reaches now: the count before sending. */
  audience: async (id: Identifier, signal?: AbortSignal) => {
    const { json } = await httpClient(campaignUrl(id, 'audience'), { signal });
    return json as CampaignAudience;
  },
  /** One email to the caller, subject prefixed "[Test] ". */
  sendTest: (id: Identifier) => post<{ emailId: string; to: string }>(campaignUrl(id, 'test')),
  /** Now, or at `scheduledAt` (ISO); answers with the campaign sending or scheduled. */
  send: (id: Identifier, scheduledAt?: string) =>
    post<CampaignView>(campaignUrl(id, 'send'), scheduledAt ? { scheduledAt } : {}),
  cancel: (id: Identifier) => post<CampaignView>(campaignUrl(id, 'cancel')),
};
