import type { Contact } from './contact.entity';
import { contactDisplayName } from './contact.view';

export interface ContactSessionView {
  kind: 'contact';
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  displayName: string;
}

/** What a contact's sign-in answers; the portal then loads its home from /api/portal/me. */
export function toContactSessionView(contact: Contact): ContactSessionView {
  const { id, email, firstName = null, lastName = null } = contact;
  return {
    kind: 'contact',
    id,
    email,
    firstName,
    lastName,
    displayName: contactDisplayName({ email, firstName, lastName }),
  };
}
