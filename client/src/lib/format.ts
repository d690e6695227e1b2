import { londonParts } from '@desk/shared';

/** Local times as a UK clinician reads them. Pure, so tests can pin the time zone with `timeZone`. */

export function formatTime(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso));
}

/** An instant as London's wall clock reads it in a sentence: "22:20 on 1 December 2026". */
export function formatTimeOnDate(iso: string): string {
  const wall = londonParts(Date.parse(iso));
  return `${wall.hour}:${wall.minute} on ${formatDate(`${wall.year}-${wall.month}-${wall.day}`)}`;
}

/** `YYYY-MM-DD` → "4 March 2024". */
export function formatDate(isoDate: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}

