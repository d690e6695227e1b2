import { COMPLAINT_LABEL, PARENT_LANGUAGE_INFO, formatAge, formatUkPhone, type Case, type ParentLanguage } from '@desk/shared';
import type { ReactNode } from 'react';
import { formatDate } from '../../lib/format';

/** "943 476 5919", the way an NHS number is printed. */
function formatNhsNumber(digits: string): string {
  return /^\d{10}$/.test(digits) ? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}` : digits;
}

export function childIdentity(caseRecord: Case): string {
  return `${caseRecord.childFirstName}, ${formatAge(caseRecord.childAgeMonths)}`;
}

/** "Polish (Polski)", the language's own name marked as that language for screen readers; English is just "English". */
function LanguageName({ language }: { language: ParentLanguage }) {
  const { name, endonym, dir } = PARENT_LANGUAGE_INFO[language];
  if (name === endonym) return <>{name}</>;
  return (
    <>
      {name} (
      <span lang={language} dir={dir}>
        {endonym}
      </span>
      )
    </>
  );
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
  // The language of the parent's pages and texts (the desk itself stays English).
  rows.push([
    "Parent's language",
    <span key="language" data-testid="case-language" data-language={caseRecord.language}>
      <LanguageName language={caseRecord.language} />
      {caseRecord.languageChosenByParent ? <span className="case-language__source"> · chosen by the parent on their phone</span> : null}
    </span>,
  ]);

  return (
    <>
      <dl className="nhsuk-summary-list">
        {rows.map(([key, value]) => (
          <div className="nhsuk-summary-list__row" key={key}>
            <dt className="nhsuk-summary-list__key">{key}</dt>
            <dd className="nhsuk-summary-list__value">{value}</dd>
          </div>
        ))}
      </dl>
      {caseRecord.languageRequested ? (
        <div className="nhsuk-inset-text" data-testid="language-unsupported">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            The parent asked for {caseRecord.languageRequested}, which the parent pages do not support yet: consider inviting an
            interpreter.
          </p>
        </div>
      ) : null}
    </>
  );
}
