import { createCaseBodySchema, fieldErrors, londonDate, parseUkPhone, type Complaint, type CreateCaseBody } from '@desk/shared';
import { EMPTY_DATE_PARTS, isBlankDate, readDate, type DateParts, type DateRead } from '../../lib/dateParts';

/** The new-case form as typed (strings), and its mapping onto `createCaseBodySchema`. Pure. */

export const RELATIONSHIPS = ['Mother', 'Father', 'Parent', 'Grandparent', 'Carer', 'Guardian', 'Other'] as const;
export type AgeUnit = 'months' | 'years';

export type CaseFormValues = {
  reference: string;
  childFirstName: string;
  ageValue: string;
  ageUnit: AgeUnit;
  callerPhone: string;
  relationship: string;
  relationshipOther: string;
  complaint: Complaint | '';
  /** The NHS.UK date input's three boxes; the API takes `YYYY-MM-DD`. */
  dateOfBirth: DateParts;
  nhsNumber: string;
  gpPractice: string;
  /** '' (not asked), a code of PARENT_LANGUAGES, or OTHER_LANGUAGE (then `preferredLanguageOther` holds what the parent asked for). */
  preferredLanguage: string;
  preferredLanguageOther: string;
};

/** The language select's "Other (type it)": what is typed is sent as it is, and the server says whether the parent's pages speak it. */
export const OTHER_LANGUAGE = 'other';

export const EMPTY_CASE_FORM: CaseFormValues = {
  reference: '',
  childFirstName: '',
  ageValue: '',
  ageUnit: 'years',
  callerPhone: '',
  relationship: '',
  relationshipOther: '',
  complaint: '',
  dateOfBirth: EMPTY_DATE_PARTS,
  nhsNumber: '',
  gpPractice: '',
  preferredLanguage: '',
  preferredLanguageOther: '',
};

/** Form control ids, in page order: the error summary lists errors in this order. */
export const CASE_FIELD_ORDER = [
  'reference',
  'childFirstName',
  'ageValue',
  'dateOfBirth',
  'callerPhone',
  'relationship',
  'relationshipOther',
  'complaint',
  'nhsNumber',
  'gpPractice',
  'preferredLanguage',
  'preferredLanguageOther',
] as const;
export type CaseFieldId = (typeof CASE_FIELD_ORDER)[number];

/** Age typed in months or years → whole months (NaN when not a number, which the schema reports). */
export function ageInMonths(value: string, unit: AgeUnit): number | undefined {
  const text = value.trim();
  if (!text) return undefined;
  const n = Number(text);
  if (unit === 'months' || Number.isNaN(n)) return n;
  const months = n * 12;
  // 1.5 years is 18 months; 0.3 years is not a whole number of months and the schema says so.
  return Math.abs(months - Math.round(months)) < 1e-9 ? Math.round(months) : months;
}

/**
 * The date of birth's boxes read: null when all three are blank (it is optional), else the date or
 * the NHS.UK error. A child is born today (London) or before.
 */
export function readDateOfBirth(parts: DateParts, today: string): DateRead | null {
  if (isBlankDate(parts)) return null;
  return readDate(parts, {
    missing: 'Enter the date of birth',
    subject: 'Date of birth',
    latest: { date: today, message: 'Date of birth must be today or in the past' },
  });
}

/** What the API receives: optional fields left blank are left out (a date of birth not yet a date too). */
export function toCreateCaseInput(values: CaseFormValues, today: string): Record<string, unknown> {
  const optional = (text: string) => (text.trim() ? text.trim() : undefined);
  const relationship = values.relationship === 'Other' ? values.relationshipOther : values.relationship;
  const language = values.preferredLanguage === OTHER_LANGUAGE ? values.preferredLanguageOther : values.preferredLanguage;
  const input: Record<string, unknown> = {
    reference: values.reference,
    childFirstName: values.childFirstName,
    childAgeMonths: ageInMonths(values.ageValue, values.ageUnit),
    callerPhone: values.callerPhone,
    relationship,
    complaint: values.complaint || undefined,
    dateOfBirth: dateOfBirthText(values.dateOfBirth, today),
    nhsNumber: optional(values.nhsNumber),
    gpPractice: optional(values.gpPractice),
    preferredLanguage: optional(language),
  };
  for (const key of Object.keys(input)) if (input[key] === undefined) delete input[key];
  return input;
}

const MISSING_MESSAGE: Partial<Record<CaseFieldId, string>> = {
  callerPhone: "Enter the caller's phone number",
  complaint: 'Select the presenting complaint',
  relationship: "Select the caller's relationship to the child",
  relationshipOther: "Enter the caller's relationship to the child",
};

/** Maps API/schema field paths (`childAgeMonths`) to the control that fixes them (`ageValue`). */
export function toFormErrors(fields: Record<string, string>, values: CaseFormValues): Partial<Record<CaseFieldId, string>> {
  const errors: Partial<Record<CaseFieldId, string>> = {};
  for (const [path, message] of Object.entries(fields)) {
    const field = controlFor(path, values);
    if (field) errors[field] ??= message;
  }
  // Nicer words for a field left empty than the schema's type error.
  for (const field of ['callerPhone', 'complaint', 'relationship', 'relationshipOther'] as const) {
    if (errors[field] && isBlank(field, values)) errors[field] = MISSING_MESSAGE[field];
  }
  return errors;
}

function controlFor(path: string, values: CaseFormValues): CaseFieldId | null {
  if (path === 'childAgeMonths') return 'ageValue';
  if (path === 'relationship') return values.relationship === 'Other' ? 'relationshipOther' : 'relationship';
  if (path === 'preferredLanguage') return values.preferredLanguage === OTHER_LANGUAGE ? 'preferredLanguageOther' : 'preferredLanguage';
  return (CASE_FIELD_ORDER as readonly string[]).includes(path) ? (path as CaseFieldId) : null;
}

function isBlank(field: CaseFieldId, values: CaseFormValues): boolean {
  if (field === 'complaint') return values.complaint === '';
  if (field === 'relationship') return values.relationship === '';
  if (field === 'relationshipOther') return values.relationshipOther.trim() === '';
  return values.callerPhone.trim() === '';
}

/** Where a form's errors came from: this page's own check, or the server's answer. */
export type ErrorSource = 'client' | 'server';

/** The error controls a value's edit can fix: the age unit fixes the age, the relationship both its fields. */
function controlsOf(name: keyof CaseFormValues): CaseFieldId[] {
  if (name === 'ageUnit') return ['ageValue'];
  if (name === 'relationship') return ['relationship', 'relationshipOther'];
  if (name === 'preferredLanguage') return ['preferredLanguage', 'preferredLanguageOther'];
  return [name];
}

/**
 * The errors still true after `name` changed to give `values`: an error goes as soon as its field
 * is fixed, so none stays on screen for a field already put right. The page's own errors go when
 * its check passes for that field; the server's (which the page cannot check) when their field is edited.
 */
export function errorsAfterEdit(
  errors: Partial<Record<CaseFieldId, string>>,
  source: ErrorSource,
  name: keyof CaseFormValues,
  values: CaseFormValues,
  today = londonDate(new Date()),
): Partial<Record<CaseFieldId, string>> {
  const ids = Object.keys(errors) as CaseFieldId[];
  if (ids.length === 0) return errors;
  const edited = controlsOf(name);
  const check = validateCaseForm(values, today);
  const stillWrong = (id: CaseFieldId) => (source === 'server' ? !edited.includes(id) : !check.ok && check.errors[id] !== undefined);
  const kept = Object.fromEntries(ids.filter(stillWrong).map((id) => [id, errors[id]]));
  return ids.length === Object.keys(kept).length ? errors : kept;
}

export type CaseFormResult =
  | { ok: true; body: CreateCaseBody }
  | { ok: false; errors: Partial<Record<CaseFieldId, string>> };

function dateOfBirthText(parts: DateParts, today: string): string | undefined {
  const read = readDateOfBirth(parts, today);
  return read && 'date' in read ? read.date : undefined;
}

export function validateCaseForm(values: CaseFormValues, today = londonDate(new Date())): CaseFormResult {
  const input = toCreateCaseInput(values, today);
  const parsed = createCaseBodySchema.safeParse(input);
  const dateOfBirth = readDateOfBirth(values.dateOfBirth, today);
  const dateError = dateOfBirth && 'error' in dateOfBirth ? { dateOfBirth: dateOfBirth.error } : {};
  if (!parsed.success) return { ok: false, errors: { ...toFormErrors(fieldErrors(parsed.error), values), ...dateError } };
  if ('dateOfBirth' in dateError) return { ok: false, errors: dateError };
  // The parsed body (phone in E.164, NHS number digits only) is itself a valid body.
  return { ok: true, body: parsed.data };
}

/** A landline can take the phone assessment but not the SMS link. */
export function isLandline(phoneText: string): boolean {
  return parseUkPhone(phoneText)?.kind === 'landline';
}

/**
 * Does the text look like a 111 reference: "111-", then groups of letters or digits joined by
 * hyphens, as 111 passes them ("111-ABC-123", "111-E2E-0001")? The API takes any 1–40 characters
 * (the contract), so a reference that does not is a warning to check it, never an error.
 */
export function looksLike111Reference(text: string): boolean {
  return /^111-[A-Z0-9]+(?:-[A-Z0-9]+)*$/i.test(text.trim());
}
