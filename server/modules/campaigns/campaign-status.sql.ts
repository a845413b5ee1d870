import { DELIVERY_STATUSES } from './campaign.view';

/*
 * Recipient status from `campaign_recipient r`, its `email_message m` (left join) and its
 * `campaign k`. Delivery outcomes live on the email (webhooks update it): nothing is copied.
 */

/**
 * `queued` until handed to the provider (in flight included); what the dispatcher will drop,
 * because the campaign was cancelled, is `cancelled` at once.
 */
const DELIVERY_STATUS = `case
  when m.id is null or m.status = 'queued' then
    case when k.status = 'cancelled' then 'cancelled' else 'queued' end
  when m.status = 'sending' then 'queued'
  when m.status = 'recorded' then 'sent'
  else m.status end`;

export const RECIPIENT_STATUS_SQL = `case
  when r.skip_reason is not null then 'skipped:' || r.skip_reason
  when r.unsubscribed_at is not null then 'unsubscribed'
  else ${DELIVERY_STATUS} end`;

/** The stats object of campaign `k`, counted over its recipients (see CampaignStats). */
export const CAMPAIGN_STATS_SQL = `(select jsonb_build_object(
    'recipients', count(*) filter (where x.skip_reason is null),
    'skipped', count(*) filter (where x.skip_reason is not null),
    'unsubscribed', count(*) filter (where x.unsubscribed_at is not null),
    ${DELIVERY_STATUSES.map((s) => `'${s}', count(*) filter (where x.delivery = '${s}')`).join(',\n    ')})
  from (select r.skip_reason, r.unsubscribed_at,
      case when r.skip_reason is null then ${DELIVERY_STATUS} end as delivery
    from campaign_recipient r left join email_message m on m.id = r.email_message_id
    where r.campaign_id = k.id) x)`;
