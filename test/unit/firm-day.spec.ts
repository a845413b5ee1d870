import { dayIn, endOfDayIn, wallClock } from '../../server/common/time/firm-day';
import { formatDue } from '../../server/common/time/firm-time';

/** Days in the firm's time zone, across daylight saving changes. */
describe('firm day', () => {
  it.each([
    ['UTC', '2026-12-01', '2026-12-01T23:59:59.999Z'],
    ['America/New_York', '2026-12-01', '2026-12-02T04:59:59.999Z'],
    ['America/New_York', '2026-07-01', '2026-07-02T03:59:59.999Z'],
    // The day clocks spring forward is 23 hours long, the day they fall back 25.
    ['America/New_York', '2026-03-08', '2026-03-09T03:59:59.999Z'],
    ['America/New_York', '2026-11-01', '2026-11-02T04:59:59.999Z'],
    ['Asia/Kolkata', '2026-12-01', '2026-12-01T18:29:59.999Z'],
    ['Pacific/Kiritimati', '2026-12-31', '2026-12-31T09:59:59.999Z'],
  ])('ends a day in %s at its midnight (%s)', (zone, day, end) => {
    expect(endOfDayIn(day, zone).toISOString()).toBe(end);
    expect(dayIn(endOfDayIn(day, zone), zone)).toBe(day);
    expect(dayIn(endOfDayIn(day, zone).getTime() + 1, zone)).not.toBe(day);
  });

  it('finds the hour on the wall clock, either side of a change', () => {
    expect(wallClock('2026-03-07', 9, 'America/New_York').toISOString()).toBe(
      '2026-03-07T14:00:00.000Z',
    );
    expect(wallClock('2026-03-09', 9, 'America/New_York').toISOString()).toBe(
      '2026-03-09T13:00:00.000Z',
    );
    expect(dayIn(new Date('2026-12-01T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-12-02');
  });

  it('shows a due day as that day in the firm’s zone, and a due moment with its time', () => {
    expect(formatDue('2026-12-02T04:59:59.999Z', 'America/New_York')).toBe('Dec 1, 2026');
    expect(formatDue('2026-12-01T23:59:59.999Z', 'America/New_York')).toBe(
      'Dec 1, 2026, 6:59 PM EST',
    );
  });
});
