/**
 * The little CSV the daily report needs (RFC 4180, CRLF lines), with no library: a cell that holds
 * a quote, a comma or a line break is quoted with its quotes doubled, and text a spreadsheet would
 * run as a formula (starting = + - @, or a tab or carriage return) is prefixed with a single quote
 * (OWASP's "CSV injection"). Numbers are written as they are: only text can carry a formula.
 */
export type CsvCell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
