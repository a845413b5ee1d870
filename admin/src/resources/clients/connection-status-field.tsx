import { Chip, type ChipProps } from '@mui/material';
import { type FieldProps, useRecordContext } from 'react-admin';
import type { Client, ConnectionStatus } from '../../types';
import { choiceName, connectionStatusChoices } from './client-choices';

const colors: Record<ConnectionStatus, ChipProps['color']> = {
  not_connected: 'default',
  connected: 'success',
  offline: 'default',
  duplicate: 'warning',
};

export const ConnectionStatusField = (props: Partial<FieldProps<Client>>) => {
  const record = useRecordContext<Client>(props);
  if (!record?.connectionStatus) return null;
  return (
    <Chip
      size="small"
      variant={record.connectionStatus === 'connected' ? 'filled' : 'outlined'}
      color={colors[record.connectionStatus]}
      label={choiceName(connectionStatusChoices, record.connectionStatus)}
    />
  );
};
