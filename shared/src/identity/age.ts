/** 0 → "under 1 month", 7 → "7 months", 26 → "2 years 2 months", 60 → "5 years". */
export function formatAge(ageMonths: number): string {
  if (ageMonths < 1) return 'under 1 month';
  if (ageMonths < 24) return `${ageMonths} month${ageMonths === 1 ? '' : 's'}`;
  const years = Math.floor(ageMonths / 12);
  const months = ageMonths % 12;
  return months ? `${years} years ${months} month${months === 1 ? '' : 's'}` : `${years} years`;
}

/** Completed months between a date of birth and a day (both YYYY-MM-DD or Date). */
export function completedMonths(dateOfBirth: string, on: Date): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  let months = (on.getUTCFullYear() - y) * 12 + (on.getUTCMonth() + 1 - m);
  if (on.getUTCDate() < d) months -= 1;
  return months;
}
