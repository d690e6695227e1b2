import { isCalendarDate } from '@desk/shared';

/** A date as typed in the NHS.UK date input's three boxes. Pure. */
export type DateParts = { day: string; month: string; year: string };
export type DatePart = keyof DateParts;

export const EMPTY_DATE_PARTS: DateParts = { day: '', month: '', year: '' };

/** `YYYY-MM-DD` → the three boxes ("2026-03-05" → 5, 3, 2026). */
export function partsOf(date: string): DateParts {
  const [year = '', month = '', day = ''] = date.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

export const isBlankDate = (parts: DateParts) => !parts.day.trim() && !parts.month.trim() && !parts.year.trim();

/** The words of one date question's errors, as the NHS.UK date input pattern has them. */
export type DateWords = {
  /** All three boxes empty: "Enter the date of the report". */
  missing: string;
  /** Starts each other message: "The date", "Date of birth". */
  subject: string;
  /** Ends "must be a real date": ", for example 3 12 2026" or "". */
  example?: string;
  /** The latest date allowed (`YYYY-MM-DD`), and the words when a later one is typed. */
  latest?: { date: string; message: string };
};

/** The three boxes read: the date, or the error and the boxes it is about (the boxes to mark). */
export type DateRead = { date: string } | { error: string; parts: DatePart[] };

export function readDate(parts: DateParts, words: DateWords): DateRead {
  const [day, month, year] = [parts.day.trim(), parts.month.trim(), parts.year.trim()];
  const all: DatePart[] = ['day', 'month', 'year'];
  if (!day && !month && !year) return { error: words.missing, parts: all };
  const missing = all.filter((part) => !{ day, month, year }[part]);
  if (missing.length) {
    return { error: `${words.subject} must include ${missing.map((part) => `a ${part}`).join(' and ')}`, parts: missing };
  }
  const notReal = { error: `${words.subject} must be a real date${words.example ?? ''}`, parts: all };
  if (![day, month, year].every((part) => /^\d+$/.test(part))) return notReal;
  if (year.length !== 4) return { ...notReal, parts: ['year'] };
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (!isCalendarDate(date)) return notReal;
  if (words.latest && date > words.latest.date) return { error: words.latest.message, parts: all };
  return { date };
}
