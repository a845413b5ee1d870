import { Alert, Typography } from '@mui/material';
import type { CampaignAudience, CampaignView } from '../../types';
import { useCampaignAudience } from './use-campaign-audience';

const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** "Will go to 3 contacts of 2 clients; 2 skipped: 1 without an email, 1 unsubscribed." */
export const audienceText = (audience: CampaignAudience) => {
  const { noEmail, suppressed, unsubscribed } = audience.skipped;
  const skipped = noEmail + suppressed + unsubscribed;
  const reasons = [
    noEmail && `${noEmail.toLocaleString()} without an email`,
    suppressed && `${suppressed.toLocaleString()} blocked after a bounce or spam report`,
    unsubscribed && `${unsubscribed.toLocaleString()} unsubscribed`,
  ].filter(Boolean);
  const head = `Will go to ${count(audience.sendable, 'contact')} of ${count(audience.clients, 'client')}`;
  return skipped
    ? `${head}; ${skipped.toLocaleString()} skipped: ${reasons.join(', ')}.`
    : `${head}.`;
};

/** Who the segment reaches now: the recipient count before sending (or before the schedule). */
export const CampaignAudienceSummary = ({ campaign }: { campaign: CampaignView }) => {
  const { data, error, isPending } = useCampaignAudience(campaign.id);
  if (error) return <Alert severity="warning">{error.message}</Alert>;
  if (isPending) {
    return (
      <Typography variant="body2" color="text.secondary">
        Counting the audience…
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="body1" role="status">
        {audienceText(data)}
      </Typography>
      {data.clientsWithoutContact > 0 && (
        <Typography variant="body2" color="text.secondary">
          {`${count(data.clientsWithoutContact, 'client')} of the segment ${
            data.clientsWithoutContact === 1 ? 'has' : 'have'
          } no contact to write to.`}
        </Typography>
      )}
      <Typography variant="caption" color="text.secondary" component="p">
        Counted now; the segment is matched again when the campaign goes out.
      </Typography>
    </>
  );
};
