import type { ChipProps } from '@mui/material';
import type { OutboxMessage, OutboxStatus } from '../../types';

// Human labels (and chip colours) for the outbox's enums.
export const outboxStatuses: Record<OutboxStatus, { name: string; color: ChipProps['color'] }> = {
  queued: { name: 'Queued', color: 'default' },
  sending: { name: 'Sending', color: 'info' },
  sent: { name: 'Sent', color: 'info' },
  delivered: { name: 'Delivered', color: 'success' },
  bounced: { name: 'Bounced', color: 'error' },
  complained: { name: 'Marked as spam', color: 'error' },
  failed: { name: 'Failed', color: 'error' },
  cancelled: { name: 'Cancelled', color: 'default' },
  // Kept in the local outbox only: no RESEND_API_KEY, nothing left the machine.
  recorded: { name: 'Kept locally', color: 'secondary' },
};

export const outboxStatusChoices = Object.entries(outboxStatuses).map(([id, { name }]) => ({
  id,
  name,
}));

export const outboxKindChoices: { id: OutboxMessage['kind']; name: string }[] = [
  { id: 'invitation', name: 'Invitation' },
  { id: 'reminder', name: 'Invitation reminder' },
  { id: 'file_request', name: 'File request' },
  { id: 'file_request_reminder', name: 'File request reminder' },
  { id: 'file_request_digest', name: 'Uploads to review (staff)' },
  { id: 'campaign', name: 'Campaign' },
  { id: 'playbook', name: 'Playbook email' },
  { id: 'password_reset', name: 'Password reset' },
  { id: 'staff_invitation', name: 'Staff invitation' },
  { id: 'security_notice', name: 'Security notice' },
];
