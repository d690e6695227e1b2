import type { BoardClinician } from '@desk/shared';
import { CLINICIAN_STATUS_COLOUR, CLINICIAN_STATUS_LABEL } from './labels';

/** Who is signed in, what they are doing, and how much they have done this shift. */
export function CliniciansTable({ clinicians }: { clinicians: readonly BoardClinician[] }) {
  const free = clinicians.filter((c) => c.status === 'available').length;
  return (
    <section aria-labelledby="clinicians-h">
      <h2 className="nhsuk-heading-m" id="clinicians-h">
        Clinicians
      </h2>
      {clinicians.length === 0 ? (
        <p className="nhsuk-body">No clinicians are signed in.</p>
      ) : (
        <table className="nhsuk-table" data-testid="board-clinicians">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">
            {clinicians.length} signed in, {free} available
          </caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">Name</th>
              <th scope="col" className="nhsuk-table__header">Status</th>
              <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Open cases</th>
              <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Handled this shift</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {clinicians.map((c) => (
              <tr className="nhsuk-table__row" key={c.id} data-testid="board-clinician" data-status={c.status}>
                <th scope="row" className="nhsuk-table__cell">{c.name}</th>
                <td className="nhsuk-table__cell">
                  <strong className={`nhsuk-tag nhsuk-tag--${CLINICIAN_STATUS_COLOUR[c.status]}`}>{CLINICIAN_STATUS_LABEL[c.status]}</strong>
                </td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{c.openCases}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{c.handledThisShift}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
