import { londonParts } from '@desk/shared';

/**
 * "Today" and "this shift" are Europe/London days (issue 10's contract): a day starts at local
 * midnight, which is 00:00 UTC in winter and 23:00 UTC the evening before in summer, and a day
 * with a clock change has 23 or 25 hours.
 */

export { isCalendarDate, londonDate } from '@desk/shared';

function local(at: Date): { date: string; hour: number; minute: number; second: number } {
  const p = londonParts(at.getTime());
  return { date: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour), minute: Number(p.minute), second: Number(p.second) };
}

/** The London wall-clock hour (0–23) of an instant. */
export function londonHour(at: Date): number {
  return local(at).hour;
}

/** London's offset from UTC at an instant, in milliseconds (0 in winter, one hour in summer). */
function offsetMs(at: Date): number {
  const l = local(at);
  const [y, m, d] = l.date.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(y, m - 1, d, l.hour, l.minute, l.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant London's clocks read 00:00 on `date`. */
function londonMidnight(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(y, m - 1, d);
  // Midnight is never inside a UK clock change (they happen at 01:00 UTC), so one correction is exact.
  return new Date(utcMidnight - offsetMs(new Date(utcMidnight)));
}

/** The London day `date` as a half-open range of instants [start, end). */
export function londonDayRange(date: string): { start: Date; end: Date } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return { start: londonMidnight(date), end: londonMidnight(next) };
}
