import type { Decision, TrafficLight } from '@desk/shared';
import { BandTag } from './BandTag';
import { digestFindings } from './findings';

const BANDS_HIGHEST_FIRST: readonly TrafficLight[] = ['red', 'amber', 'green'];

/** The findings of a signed version, grouped by band (red first), then what was recorded absent. */
export function FindingsSummary({ findings, ageMonths }: { findings: Decision['findings']; ageMonths: number }) {
  const digest = digestFindings(findings, ageMonths);
  if (findings.length === 0) return <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">No features recorded.</p>;
  return (
    <div className="desk-findings-summary" data-testid="findings-summary">
      {BANDS_HIGHEST_FIRST.map((band) =>
        digest.byBand[band].length ? (
          <div key={band} className="desk-findings-summary__band">
            <BandTag band={band} prefix="NG143 band:" />
            <ul className="nhsuk-list nhsuk-list--bullet nhsuk-body-s">
              {digest.byBand[band].map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          </div>
        ) : null,
      )}
      {digest.unbanded.length ? (
        <p className="nhsuk-body-s">
          <strong>Not banded (age 5 years or over):</strong> {digest.unbanded.join('; ')}
        </p>
      ) : null}
      {digest.absent.length ? (
        <p className="nhsuk-body-s">
          <strong>Recorded absent:</strong> {digest.absent.join('; ')}
        </p>
      ) : null}
      <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">{digest.notAssessed} features not assessed.</p>
    </div>
  );
}
