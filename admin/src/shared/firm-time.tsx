import { Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { type FieldProps, useFieldValue } from 'react-admin';
import { formatFirmTime } from '@server/common/time/firm-time';
import { httpClient } from '../providers/http-client';

const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The firm's time zone (Settings); the browser's until it has loaded. */
export const useFirmTimeZone = (): string => {
  const { data } = useQuery({
    queryKey: ['firm'],
    queryFn: async () => (await httpClient('/api/firm')).json as { timeZone: string },
    staleTime: 60_000,
  });
  return data?.timeZone ?? browserZone;
};

/** Formats moments the one way the console shows them, in the firm's time zone. */
export const useFirmTime = () => {
  const zone = useFirmTimeZone();
  return useCallback(
    (at: string | Date | null | undefined, otherwise = '—') =>
      at ? formatFirmTime(at, zone) : otherwise,
    [zone],
  );
};

/** A date-and-time column or detail, in the firm's time zone. */
export const FirmDateField = ({ emptyText, ...props }: FieldProps & { emptyText?: string }) => {
  const value = useFieldValue(props);
  const format = useFirmTime();
  return (
    <Typography component="span" variant="body2">
      {format(value as string | null, emptyText ?? '')}
    </Typography>
  );
};
