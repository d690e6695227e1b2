import { isCalendarDate } from '@desk/shared';

/** The report's date as typed in the NHS.UK date input's three boxes. */
export type DateParts = { day: string; month: string; year: string };

export function partsOf(date: string): DateParts {
  const [year = '', month = '', day = ''] = date.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/**
 * The three boxes as `YYYY-MM-DD`, or the error the NHS.UK pattern words for them. A report is of
 * a day that has started: `today` (London) or before.
 */
export function readDateParts(parts: DateParts, today: string): { date: string } | { error: string } {
  const [day, month, year] = [parts.day.trim(), parts.month.trim(), parts.year.trim()];
  if (!day && !month && !year) return { error: 'Enter the date of the report' };
  const missing = [!day && 'a day', !month && 'a month', !year && 'a year'].filter(Boolean);
  if (missing.length) return { error: `The date must include ${missing.join(' and ')}` };
  if (![day, month, year].every((part) => /^\d+$/.test(part)) || year.length !== 4) return { error: 'The date must be a real date, for example 3 12 2026' };
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (!isCalendarDate(date)) return { error: 'The date must be a real date, for example 3 12 2026' };
  if (date > today) return { error: 'The date must be today or in the past' };
  return { date };
}
