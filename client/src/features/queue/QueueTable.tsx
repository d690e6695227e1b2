import { COMPLAINT_LABEL, PARENT_LANGUAGE_INFO, formatAge, type CallSnapshot, type Complaint, type ParentLanguage } from '@desk/shared';
import type { ReactNode } from 'react';
import { formatTime } from '../../lib/format';
import { CallStateTag } from './CallStateTag';

/** One open case as a queue row: the desk's case list and the supervisor's wall show the same columns. */
export type QueueRow = {
  id: string;
  /** The 111 reference, or a link to the case built from it. */
  reference: ReactNode;
  childFirstName: string;
  childAgeMonths: number;
  complaint: Complaint;
  /** The parent's language: the row names it when it is not English. */
  language?: ParentLanguage;
  call: CallSnapshot | null;
  createdAt: string;
  /** Shown in a "Clinician" column when the table has one. */
  clinician?: ReactNode;
  /** The signed-in clinician's own case: the row says so (`data-mine`) and its cell shows "Yours". */
  mine?: boolean;
};

type Props = {
  caption: ReactNode;
  captionClassName: string;
  referenceHeader: string;
  showClinician?: boolean;
  rows: readonly QueueRow[];
};

export function QueueTable({ caption, captionClassName, referenceHeader, showClinician = false, rows }: Props) {
  const headers = [referenceHeader, 'Child', 'Complaint', 'Video', ...(showClinician ? ['Clinician'] : []), 'Created'];
  return (
    <table className="nhsuk-table">
      <caption className={captionClassName}>{caption}</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          {headers.map((header) => (
            <th scope="col" className="nhsuk-table__header" key={header}>
              {header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {rows.map((row) => (
          <tr className={`nhsuk-table__row${row.mine ? ' desk-queue__row--mine' : ''}`} key={row.id} data-testid="case-row" data-case-id={row.id} data-mine={row.mine ? 'true' : 'false'}>
            <td className="nhsuk-table__cell">{row.reference}</td>
            <td className="nhsuk-table__cell">
              {row.childFirstName}, {formatAge(row.childAgeMonths)}
              {row.language && row.language !== 'en' ? (
                <>
                  {' '}
                  <strong className="nhsuk-tag nhsuk-tag--grey" data-testid="case-row-language">
                    <span className="nhsuk-u-visually-hidden">Parent's language: </span>
                    {PARENT_LANGUAGE_INFO[row.language].name}
                  </strong>
                </>
              ) : null}
            </td>
            <td className="nhsuk-table__cell">{COMPLAINT_LABEL[row.complaint]}</td>
            <td className="nhsuk-table__cell">
              <CallStateTag call={row.call} />
            </td>
            {showClinician ? <td className="nhsuk-table__cell">{row.clinician}</td> : null}
            <td className="nhsuk-table__cell">
              <time dateTime={row.createdAt}>{formatTime(row.createdAt)}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
