import { describe, expect, it } from 'vitest';
import { addDays, isCalendarDate, isoToLondonWall, londonDate, londonWallToIso } from '../src/time/london.js';

/** Issue 10: the desk's days and times are London ones, across both clock changes. */

describe('London time', () => {
  it.each([
    ['winter: GMT', '2026-12-03T09:00', '2026-12-03T09:00:00+00:00'],
    ['summer: BST', '2026-07-01T09:00', '2026-07-01T09:00:00+01:00'],
    ['with seconds', '2026-07-01T09:00:30', '2026-07-01T09:00:30+01:00'],
    ['a time the clocks skip is an hour on', '2026-03-29T01:30', '2026-03-29T02:30:00+01:00'],
    ['not a day', '2026-02-30T10:00', null],
    ['not a time', '2026-12-03T25:00', null],
    ['empty', '', null],
  ])('%s: %s → %s', (_name, wall, iso) => {
    expect(londonWallToIso(wall)).toBe(iso);
  });

  it.each([
    ['2026-07-01T08:00:00.000Z', '2026-07-01T09:00'],
    ['2026-12-03T09:00:00+00:00', '2026-12-03T09:00'],
    ['2026-07-01T09:00:00+01:00', '2026-07-01T09:00'],
  ])('shows %s as %s in a datetime-local box', (iso, wall) => {
    expect(isoToLondonWall(iso)).toBe(wall);
  });

  it.each([
    ['late on a summer evening is the next London day', '2026-07-01T23:30:00Z', '2026-07-02'],
    ['late on a winter evening is the same day', '2026-12-01T23:30:00Z', '2026-12-01'],
  ])('%s', (_name, iso, day) => {
    expect(londonDate(Date.parse(iso))).toBe(day);
  });
});

describe('London calendar days', () => {
  it.each([
    ['2026-12-03', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['3-12-2026', false],
  ])('%s is a calendar day: %s', (date, real) => {
    expect(isCalendarDate(date)).toBe(real);
  });

  it.each([
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
  ])('%s %i day → %s', (date, days, next) => {
    expect(addDays(date, days)).toBe(next);
  });
});
