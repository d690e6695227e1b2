import { COMPLAINT_LABEL, formatAge, formatUkPhone, type Case } from '@desk/shared';
import type { ReactNode } from 'react';
import { formatDate } from '../../lib/format';

/** "943 476 5919", the way an NHS number is printed. */
function formatNhsNumber(digits: string): string {
  return /^\d{10}$/.test(digits) ? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}` : digits;
}

export function childIdentity(caseRecord: Case): string {
  return `${caseRecord.childFirstName}, ${formatAge(caseRecord.childAgeMonths)}`;
}

export function CaseSummary({ caseRecord }: { caseRecord: Case }) {
  const rows: [string, ReactNode][] = [
    ['Child', <strong key="child">{childIdentity(caseRecord)}</strong>],
  ];
  if (caseRecord.dateOfBirth) rows.push(['Date of birth', <strong key="dob">{formatDate(caseRecord.dateOfBirth)}</strong>]);
  rows.push(
    ['Caller', caseRecord.relationship],
    [
      'Phone',
      `${formatUkPhone(caseRecord.callerPhone)} (${caseRecord.callerPhoneKind === 'mobile' ? 'mobile' : 'landline'})`,
    ],
    ['Presenting complaint', COMPLAINT_LABEL[caseRecord.complaint]],
    ['111 reference', caseRecord.reference],
  );
  if (caseRecord.nhsNumber) rows.push(['NHS number', formatNhsNumber(caseRecord.nhsNumber)]);
  if (caseRecord.gpPractice) rows.push(['GP practice', caseRecord.gpPractice]);
  if (caseRecord.preferredLanguage) rows.push(['Preferred language', caseRecord.preferredLanguage]);

  return (
    <dl className="nhsuk-summary-list">
      {rows.map(([key, value]) => (
        <div className="nhsuk-summary-list__row" key={key}>
          <dt className="nhsuk-summary-list__key">{key}</dt>
          <dd className="nhsuk-summary-list__value">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
