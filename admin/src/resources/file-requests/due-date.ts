/**
 * A due day is stored as its last instant in UTC ("2026-12-01" → 23:59:59.999Z): shown in UTC,
 * it reads as the day that was chosen wherever the viewer is.
 */
export const dueDateOptions: Intl.DateTimeFormatOptions = { timeZone: 'UTC' };

export const formatDueDate = (dueAt: string) =>
  new Date(dueAt).toLocaleDateString(undefined, dueDateOptions);
