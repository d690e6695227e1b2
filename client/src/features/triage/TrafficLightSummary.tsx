import { FEATURES, featureKeys, suggestedRoute, type BandAssessment, type FeatureKey } from '@desk/shared';
import { memo, type MouseEvent } from 'react';
import { BAND_LABEL, BandTag } from './BandTag';
import { findingControlId } from './findings';

/**
 * The live result of the checklist: the highest band and the features that set it, emergency
 * features, what is not yet assessed, and the table's limits for this child. Clinician decides.
 */
export const TrafficLightSummary = memo(function TrafficLightSummary({ assessment }: { assessment: BandAssessment }) {
  const { band, reasons, notAssessed, emergencyReasons, limits } = assessment;
  const emergency = emergencyReasons.length > 0;
  const route = suggestedRoute(band, emergency);
  const why = band === 'not_assessed' ? [] : reasons.filter((reason) => reason.band === band);

  return (
    <section aria-labelledby="band-heading" className="desk-band-panel" data-testid="traffic-light">
      <h3 className="nhsuk-heading-s" id="band-heading">
        Traffic light result
      </h3>
      <p className="nhsuk-body-s">Clinician decides: this supports your judgement and never chooses the disposition.</p>
      {/* Spoken when the band changes, not on every tick of a radio. */}
      <p className="nhsuk-body desk-band-panel__band" aria-live="polite" aria-atomic="true">
        Highest band: <BandTag band={band} large />
        {emergency ? <strong className="desk-band-panel__emergency"> Emergency features: suggest 999.</strong> : null}
      </p>

      {why.length ? (
        <>
          <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">{BAND_LABEL[band]} because:</p>
          <ul className="nhsuk-list nhsuk-list--bullet nhsuk-body-s" data-testid="band-reasons">
            {why.map((reason) => (
              <li key={`${reason.feature}-${reason.text}`}>{reason.text}</li>
            ))}
          </ul>
        </>
      ) : null}

      {emergency ? (
        <div className="nhsuk-card nhsuk-card--warning desk-band-panel__card">
          <div className="nhsuk-card__content">
            <h4 className="nhsuk-card__heading nhsuk-heading-s">
              <span className="nhsuk-u-visually-hidden">Important: </span>Emergency features: suggest 999
            </h4>
            <ul className="nhsuk-list nhsuk-list--bullet nhsuk-body-s" data-testid="emergency-reasons">
              {emergencyReasons.map((reason) => (
                <li key={`${reason.feature}-${reason.text}`}>{reason.text}</li>
              ))}
            </ul>
            <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">Clinician decides.</p>
          </div>
        </div>
      ) : null}

      <p className="nhsuk-body-s">
        <strong>NG143 route:</strong> {route.text}. Clinician decides.
      </p>

      {limits.map((limit) => (
        <div className="nhsuk-inset-text desk-band-panel__limit" key={limit}>
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p className="nhsuk-body-s">{limit}</p>
        </div>
      ))}

      <p className="nhsuk-body-s nhsuk-u-margin-bottom-1" data-testid="not-assessed-count">
        {notAssessed.length} of {featureKeys.length} features not assessed
      </p>
      {notAssessed.length ? (
        <details className="nhsuk-details desk-band-panel__details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">Features not assessed</span>
          </summary>
          <div className="nhsuk-details__text">
            <ul className="nhsuk-list nhsuk-body-s">
              {notAssessed.map((feature) => (
                <li key={feature}>
                  <a href={`#${findingControlId(feature)}`} onClick={(event) => jumpTo(event, feature)}>
                    {FEATURES[feature].label}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        </details>
      ) : null}
    </section>
  );
});

/** In-page links move focus too, so the keyboard continues from the feature. */
function jumpTo(event: MouseEvent<HTMLAnchorElement>, feature: FeatureKey) {
  const control = document.getElementById(findingControlId(feature));
  if (!control) return;
  event.preventDefault();
  control.focus();
  control.scrollIntoView?.({ block: 'center' });
}
