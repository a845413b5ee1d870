import type { AccountLinkPurpose } from '../email/templates/account-link-email';

export type { AccountLinkPurpose };

/** Whose password an emailed link sets: a staff user or a portal contact. */
export interface AccountLinkOwner {
  kind: 'staff' | 'contact';
  id: string;
  email: string;
  firstName: string | null;
}

/** The owner's column in account_token, and its account table. */
export const ownerTable = (kind: AccountLinkOwner['kind']) =>
  kind === 'staff'
    ? ({ column: 'staff_user_id', table: 'staff_user' } as const)
    : ({ column: 'contact_id', table: 'contact' } as const);
