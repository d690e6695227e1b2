import { readDate, type DateParts, type DateRead } from '../../lib/dateParts';

/**
 * The report's date boxes as `YYYY-MM-DD`, or the error the NHS.UK pattern words for them. A
 * report is of a day that has started: `today` (London) or before.
 */
export function readDateParts(parts: DateParts, today: string): DateRead {
  return readDate(parts, {
    missing: 'Enter the date of the report',
    subject: 'The date',
    example: ', for example 3 12 2026',
    latest: { date: today, message: 'The date must be today or in the past' },
  });
}
