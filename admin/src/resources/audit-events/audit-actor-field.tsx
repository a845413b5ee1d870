import { Chip, Stack, Typography } from '@mui/material';
import { type FieldProps, useRecordContext } from 'react-admin';
import type { AuditEvent } from '../../types';
import { auditActorTypes } from './audit-choices';

/** Who acted: their email (the login tried, for a failed sign-in), and a chip unless staff. */
export const AuditActorField = (props: Partial<FieldProps<AuditEvent>>) => {
  const event = useRecordContext<AuditEvent>(props);
  if (!event) return null;
  const type = auditActorTypes[event.actorType];
  const isStaff = event.actorType === 'staff';
  return (
    <Stack component="span" direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      {(event.actorEmail || isStaff) && (
        <Typography component="span" variant="body2">
          {event.actorEmail ?? '—'}
        </Typography>
      )}
      {!isStaff && (
        <Chip
          size="small"
          variant="outlined"
          color={type?.color}
          label={type?.name ?? event.actorType}
        />
      )}
    </Stack>
  );
};
