import { z } from 'zod';
import type { Contact } from './contact.entity';
import { contactDisplayName, contactIdentitySchema } from './contact.view';

export const contactSessionViewSchema = z.object({
  kind: z.literal('contact'),
  ...contactIdentitySchema.shape,
});
export type ContactSessionView = z.infer<typeof contactSessionViewSchema>;

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
