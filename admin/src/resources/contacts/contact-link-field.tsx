import type { MouseEvent } from 'react';
import { Link, useCreatePath, useRecordContext } from 'react-admin';
import type { Contact } from '../../types';

/** The contact's name as a link to its page (for lists of contacts shown elsewhere). */
export const ContactLinkField = (_props: { label?: string }) => {
  const contact = useRecordContext<Contact>();
  const createPath = useCreatePath();
  if (!contact) return null;
  return (
    <Link
      to={createPath({ resource: 'contacts', id: contact.id, type: 'show' })}
      // Inside a clickable row: one navigation, not two.
      onClick={(event: MouseEvent) => event.stopPropagation()}
    >
      {contact.displayName}
    </Link>
  );
};
