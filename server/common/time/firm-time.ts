import { dayIn, endOfDayIn } from './firm-day';

/**
 * A moment as the firm reads it, the one format the console uses too:
 * "Dec 5, 2026, 1:44 PM EST".
 */
export function formatFirmTime(at: Date | string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  })
    .format(new Date(at))
    .concat(` ${zoneName(at, timeZone)}`);
}

function zoneName(at: Date | string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(
    new Date(at),
  );
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/** A day as the firm reads it: "Dec 5, 2026". */
export function formatFirmDay(at: Date | string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone }).format(new Date(at));
}

/** A due date: the day when it ends at the firm's midnight (a due day), else the moment. */
export function formatDue(dueAt: Date | string, timeZone: string): string {
  const at = new Date(dueAt);
  const day = dayIn(at, timeZone);
  return endOfDayIn(day, timeZone).getTime() === at.getTime()
    ? formatFirmDay(at, timeZone)
    : formatFirmTime(at, timeZone);
}
