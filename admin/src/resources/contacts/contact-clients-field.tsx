import StarIcon from '@mui/icons-material/Star';
import { Chip, Stack } from '@mui/material';
import type { MouseEvent } from 'react';
import { type FieldProps, Link, useCreatePath, useRecordContext } from 'react-admin';
import type { Contact } from '../../types';
import { contactRoles } from './contact-choices';

/** The contact's clients as links; a star marks those whose primary contact it is. */
export const ContactClientsField = (props: Partial<FieldProps<Contact>>) => {
  const contact = useRecordContext<Contact>(props);
  const createPath = useCreatePath();
  if (!contact?.clients.length) return null;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {contact.clients.map((client) => (
        <Chip
          key={client.id}
          size="small"
          variant="outlined"
          component={Link}
          to={createPath({ resource: 'clients', id: client.id, type: 'show' })}
          // Inside a clickable row: open the client, not the contact.
          onClick={(event: MouseEvent) => event.stopPropagation()}
          clickable
          label={client.displayName}
          title={`${contactRoles[client.role] ?? client.role}${client.isPrimary ? ', primary contact' : ''}`}
          icon={client.isPrimary ? <StarIcon titleAccess="Primary contact" /> : undefined}
        />
      ))}
    </Stack>
  );
};
