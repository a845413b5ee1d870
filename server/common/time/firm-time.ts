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
