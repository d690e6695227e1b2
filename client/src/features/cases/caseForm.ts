import { createCaseBodySchema, fieldErrors, parseUkPhone, type Complaint, type CreateCaseBody } from '@desk/shared';

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
  dateOfBirth: string;
  nhsNumber: string;
  gpPractice: string;
  preferredLanguage: string;
};

export const EMPTY_CASE_FORM: CaseFormValues = {
  reference: '',
  childFirstName: '',
  ageValue: '',
  ageUnit: 'years',
  callerPhone: '',
  relationship: '',
  relationshipOther: '',
  complaint: '',
  dateOfBirth: '',
  nhsNumber: '',
  gpPractice: '',
  preferredLanguage: '',
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

/** What the API receives: optional fields left blank are left out. */
export function toCreateCaseInput(values: CaseFormValues): Record<string, unknown> {
  const optional = (text: string) => (text.trim() ? text.trim() : undefined);
  const relationship = values.relationship === 'Other' ? values.relationshipOther : values.relationship;
  const input: Record<string, unknown> = {
    reference: values.reference,
    childFirstName: values.childFirstName,
    childAgeMonths: ageInMonths(values.ageValue, values.ageUnit),
    callerPhone: values.callerPhone,
    relationship,
    complaint: values.complaint || undefined,
    dateOfBirth: optional(values.dateOfBirth),
    nhsNumber: optional(values.nhsNumber),
    gpPractice: optional(values.gpPractice),
    preferredLanguage: optional(values.preferredLanguage),
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
  return (CASE_FIELD_ORDER as readonly string[]).includes(path) ? (path as CaseFieldId) : null;
}

function isBlank(field: CaseFieldId, values: CaseFormValues): boolean {
  if (field === 'complaint') return values.complaint === '';
  if (field === 'relationship') return values.relationship === '';
  if (field === 'relationshipOther') return values.relationshipOther.trim() === '';
  return values.callerPhone.trim() === '';
}

export type CaseFormResult =
  | { ok: true; body: CreateCaseBody }
  | { ok: false; errors: Partial<Record<CaseFieldId, string>> };

export function validateCaseForm(values: CaseFormValues): CaseFormResult {
  const input = toCreateCaseInput(values);
  const parsed = createCaseBodySchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: toFormErrors(fieldErrors(parsed.error), values) };
  // The parsed body (phone in E.164, NHS number digits only) is itself a valid body.
  return { ok: true, body: parsed.data };
}

/** A landline can take the phone assessment but not the SMS link. */
export function isLandline(phoneText: string): boolean {
  return parseUkPhone(phoneText)?.kind === 'landline';
}
