/**
 * The desk's days and times are Europe/London ones (issue 10: "today" on the board, the daily
 * report, the audit's times), whatever zone the browser or the server is in. Pure: each takes
 * the instant it works on. The server's day ranges (server/src/supervisor/londonDay.ts) build on it.
 */

export const LONDON_TIME_ZONE = 'Europe/London';

const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'longOffset',
});

export type WallParts = { year: string; month: string; day: string; hour: string; minute: string; second: string; offset: string };

/** London's wall clock at an instant, field by field, with its UTC offset (`+00:00`, `+01:00`). */
export function londonParts(utcMs: number): WallParts {
  const parts = Object.fromEntries(PARTS.formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]));
  // "GMT" in winter, "GMT+01:00" in summer.
  const offset = /^GMT([+-]\d{2}:\d{2})$/.exec(parts.timeZoneName ?? '')?.[1] ?? '+00:00';
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second!, offset };
}

function offsetMinutes(offset: string): number {
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h = 0, m = 0] = offset.slice(1).split(':').map(Number);
  return sign * (h * 60 + m);
}

/** The London calendar day of an instant, `YYYY-MM-DD`. */
export function londonDate(at: number | Date): string {
  const p = londonParts(typeof at === 'number' ? at : at.getTime());
  return `${p.year}-${p.month}-${p.day}`;
}

/** An instant as a `datetime-local` value in London time (`YYYY-MM-DDTHH:mm`); null for what is not an ISO time. */
export function isoToLondonWall(iso: string): string | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const p = londonParts(ms);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A `datetime-local` value read as London time → ISO with its offset (`2026-07-01T09:00:00+01:00`),
 * as the audit's `from`/`to` take it; null for what is not a real date and time. A time the clocks
 * skip (01:30 on the last Sunday of March) is the instant an hour on; one they pass twice (01:30 on
 * the last Sunday of October) is the second.
 */
export function londonWallToIso(wall: string): string | null {
  const m = WALL.exec(wall);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(asUtc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return null;
  }
  // The offset at the guess, then at the instant it gives (they differ only around a clock change).
  let utc = asUtc - offsetMinutes(londonParts(asUtc).offset) * 60_000;
  utc = asUtc - offsetMinutes(londonParts(utc).offset) * 60_000;
  const p = londonParts(utc);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${p.offset}`;
}

/** Is `YYYY-MM-DD` a real calendar day? */
export function isCalendarDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const [year, month, day] = m.slice(1).map(Number) as [number, number, number];
  const check = new Date(Date.UTC(year, month - 1, day));
  return check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day;
}

/** The day before or after `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}
