import { Typography } from '@mui/material';
import { type FieldProps, useRecordContext } from 'react-admin';
import type { AuditEvent } from '../../types';
import { auditActionLabel } from './audit-choices';

export const AuditActionField = (props: Partial<FieldProps<AuditEvent>>) => {
  const event = useRecordContext<AuditEvent>(props);
  if (!event) return null;
  return (
    <Typography component="span" variant="body2">
      {auditActionLabel(event.action)}
    </Typography>
  );
};
