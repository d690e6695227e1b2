import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../src/reports/csv.js';

describe('CSV cells', () => {
  it.each([
    ['plain text', 'Community pharmacy', 'Community pharmacy'],
    ['a number', 42, '42'],
    ['a fraction', 0.3, '0.3'],
    ['nothing', null, ''],
    ['a comma', 'Referral, hub', '"Referral, hub"'],
    ['a quote', 'the "hub"', '"the ""hub"""'],
    ['a line break', 'two\nlines', '"two\nlines"'],
    ['a carriage return inside', 'a\r\nb', '"a\r\nb"'],
    ['an apostrophe', "Connecting Care Children's Hub", "Connecting Care Children's Hub"],
    ['a formula', '=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['a plus', '+1', "'+1"],
    ['a minus', '-2+3', "'-2+3"],
    ['an at', '@SUM(A1)', "'@SUM(A1)"],
    ['a leading tab', '\t=1', "'\t=1"],
    ['a formula sign later on', 'a=b', 'a=b'],
  ])('writes %s as it should', (_what, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('joins cells with commas and rows with CRLF, ending with one', () => {
    expect(toCsv([['section', 'item', 'value'], ['counts', 'Arrivals', 3]])).toBe('section,item,value\r\ncounts,Arrivals,3\r\n');
  });
});
