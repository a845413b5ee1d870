import { Typography } from '@mui/material';
import { useCallback } from 'react';
import { type FieldProps, useFieldValue } from 'react-admin';
import { formatDue } from '@server/common/time/firm-time';
import { useFirmTimeZone } from '../../shared/firm-time';

/** Formats a due date as the firm reads it: a due day ends at the firm's midnight. */
export const useFormatDue = () => {
  const zone = useFirmTimeZone();
  return useCallback((dueAt: string) => formatDue(dueAt, zone), [zone]);
};

/** A list column: the request's due date, or a dash. */
export const DueDateField = (props: FieldProps) => {
  const value = useFieldValue({ ...props, source: 'dueAt' }) as string | null;
  const format = useFormatDue();
  return (
    <Typography component="span" variant="body2">
      {value ? format(value) : '—'}
    </Typography>
  );
};
