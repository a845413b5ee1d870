import { Chip } from '@mui/material';
import { type FieldProps, useRecordContext } from 'react-admin';
import type { OutboxMessage } from '../../types';
import { outboxStatuses } from './outbox-choices';

export const OutboxStatusField = (props: Partial<FieldProps<OutboxMessage>>) => {
  const message = useRecordContext<OutboxMessage>(props);
  const status = message && outboxStatuses[message.status];
  if (!status) return null;
  return <Chip size="small" color={status.color} label={status.name} />;
};
