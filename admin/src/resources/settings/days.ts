// Intervals are stored in seconds and shown in days; fractions are allowed (0.5 = 12 hours).
const SECONDS_PER_DAY = 86_400;

/** NumberInput `format`: seconds → the days typed in the field. */
export const secondsToDays = (seconds: number | null | undefined) =>
  seconds == null ? '' : String(Math.round((seconds / SECONDS_PER_DAY) * 10_000) / 10_000);

/** NumberInput `parse`: the days typed (a number, or '' when empty) → whole seconds. */
export const daysToSeconds = (days: number | string) =>
  days === '' || Number.isNaN(Number(days)) ? null : Math.round(Number(days) * SECONDS_PER_DAY);
