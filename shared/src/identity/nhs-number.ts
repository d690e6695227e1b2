/** Digits only, or null when the text is not 10 digits (spaces allowed, as printed: 943 476 5919). */
function nhsNumberDigits(text: string): string | null {
  const digits = text.replace(/\s/g, '');
  return /^\d{10}$/.test(digits) ? digits : null;
}

/** NHS number Modulus 11 check (NHS Data Dictionary). */
export function isValidNhsNumber(text: string): boolean {
  const digits = nhsNumberDigits(text);
  if (!digits) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

export function normaliseNhsNumber(text: string): string {
  return nhsNumberDigits(text) ?? text;
}
