import type { ChipProps } from '@mui/material';
import type { InvitationStatus, InviteSkipReason, PortalStatus } from '../../types';

// Human labels for the API's invitation enums.
export const invitationStatuses: Record<
  InvitationStatus,
  { name: string; color: ChipProps['color'] }
> = {
  pending: { name: 'Pending', color: 'warning' },
  accepted: { name: 'Accepted', color: 'success' },
  expired: { name: 'Expired', color: 'default' },
  revoked: { name: 'Revoked', color: 'default' },
  bounced: { name: 'Bounced', color: 'error' },
};

export const skipReasons: Record<InviteSkipReason, string> = {
  accepted: 'Already accepted',
  no_email: 'No email',
  suppressed: 'Suppressed',
  already_invited: 'Already invited',
  no_contact: 'No contact',
  offline: 'Offline profile',
};

/** Portal statuses from which a contact can be invited (again): a dead invitation is replaced. */
export const invitableStatuses: PortalStatus[] = ['not_invited', 'expired', 'revoked'];
