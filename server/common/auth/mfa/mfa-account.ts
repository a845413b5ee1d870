/** Whose second factor: a staff user's or a portal contact's. */
export interface MfaAccount {
  kind: 'staff' | 'contact';
  id: string;
  email: string;
  firstName: string | null;
}

/** The table of the account itself. */
export const accountTable = (kind: MfaAccount['kind']) =>
  kind === 'staff' ? 'staff_user' : 'contact';

/** The column of mfa_factor (and mfa_challenge) that points at the account. */
export const ownerColumn = (kind: MfaAccount['kind']) =>
  kind === 'staff' ? 'staff_user_id' : 'contact_id';

/** The account's key in the wrong-code throttle. */
export const throttleKey = (account: Pick<MfaAccount, 'kind' | 'id'>) =>
  `${account.kind}:${account.id}`;
