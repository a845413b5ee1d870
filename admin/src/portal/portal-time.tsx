import { createContext, useContext, useMemo } from 'react';
import { formatDue, formatFirmDay, formatFirmTime } from '@server/common/time/firm-time';

/** The firm's time zone (from the signed-in contact's `me`); the browser's outside a session. */
export const PortalTimeZone = createContext(Intl.DateTimeFormat().resolvedOptions().timeZone);

/** The portal's dates, formatted as the console formats them, in the firm's time zone. */
export const usePortalTime = () => {
  const zone = useContext(PortalTimeZone);
  return useMemo(
    () => ({
      due: (at: string) => formatDue(at, zone),
      day: (at: string) => formatFirmDay(at, zone),
      moment: (at: string) => formatFirmTime(at, zone),
    }),
    [zone],
  );
};
