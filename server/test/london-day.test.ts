import { describe, expect, it } from 'vitest';
import { isCalendarDate, londonDate, londonDayRange, londonHour } from '../src/supervisor/londonDay.js';

describe('London days', () => {
  it.each([
    // winter: London is UTC
    ['2026-12-03', '2026-12-03T00:00:00.000Z', '2026-12-04T00:00:00.000Z'],
    // summer: London is UTC+1, so its day starts at 23:00 UTC the evening before
    ['2026-07-14', '2026-07-13T23:00:00.000Z', '2026-07-14T23:00:00.000Z'],
    // the clocks go forward (29 March 2026): a 23-hour day
    ['2026-03-29', '2026-03-29T00:00:00.000Z', '2026-03-29T23:00:00.000Z'],
    // the clocks go back (25 October 2026): a 25-hour day
    ['2026-10-25', '2026-10-24T23:00:00.000Z', '2026-10-26T00:00:00.000Z'],
  ])('%s runs from %s to %s', (date, start, end) => {
    const range = londonDayRange(date);
    expect(range.start.toISOString()).toBe(start);
    expect(range.end.toISOString()).toBe(end);
  });

  it('names the London date and hour of an instant', () => {
    expect(londonDate(new Date('2026-07-13T23:30:00Z'))).toBe('2026-07-14');
    expect(londonHour(new Date('2026-07-13T23:30:00Z'))).toBe(0);
    expect(londonDate(new Date('2026-12-03T23:30:00Z'))).toBe('2026-12-03');
    expect(londonHour(new Date('2026-12-03T23:30:00Z'))).toBe(23);
  });

  it('knows real calendar dates', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-2-3')).toBe(false);
  });
});
