import type { CampaignView } from '../../types';

/** What create and update send: the editable fields only (the API refuses unknown ones). */
export const campaignBody = (values: Partial<CampaignView>) => ({
  name: values.name,
  subject: values.subject,
  body: values.body,
  senderEmail: values.senderEmail?.trim(),
  segmentId: values.segmentId,
});
