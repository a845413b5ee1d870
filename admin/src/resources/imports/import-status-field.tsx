import { Chip } from '@mui/material';
import { type FieldProps, useRecordContext } from 'react-admin';
import type { ImportJob } from '../../types';
import { importStatuses } from './import-choices';

export const ImportStatusField = (props: Partial<FieldProps<ImportJob>>) => {
  const job = useRecordContext<ImportJob>(props);
  const status = job && importStatuses[job.status];
  if (!status) return null;
  return <Chip size="small" color={status.color} label={status.name} />;
};
