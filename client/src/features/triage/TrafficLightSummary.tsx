import { FEATURES, featureKeys, suggestedRoute, type BandAssessment, type FeatureKey } from '@desk/shared';
import { memo, useRef, type MouseEvent } from 'react';
import { BAND_LABEL, BandTag } from './BandTag';
import { findingControlId } from './findings';

type Props = {
  assessment: BandAssessment;
  /** Opens a folded group (or lifts the video filter) so a "not assessed" link can reach its feature. */
  onReveal?: (feature: FeatureKey) => void;
};

/**
 * The live result of the checklist: the highest band and the features that set it, emergency
 * features, the NG143 route, the table's limits for this child, and what is not yet assessed (in a
 * disclosure). Compact, because it rides along at the top of the record: a few wrapped lines, never
 * a box of its own height that cuts its text. Clinician decides.
 */
export const TrafficLightSummary = memo(function TrafficLightSummary({ assessment, onReveal }: Props) {
  const { band, reasons, notAssessed, emergencyReasons, limits } = assessment;
  const emergency = emergencyReasons.length > 0;
  const route = suggestedRoute(band, emergency);
  const why = band === 'not_assessed' ? [] : reasons.filter((reason) => reason.band === band);
  // An emergency feature is already named on the emergency line: the band line lists the others.
  const emergencyFeatures = new Set(emergencyReasons.map((reason) => reason.feature));
  const others = emergency ? why.filter((reason) => !emergencyFeatures.has(reason.feature)) : why;
  const details = useRef<HTMLDetailsElement>(null);

  return (
    <section aria-labelledby="band-heading" className="desk-band-panel" data-testid="traffic-light">
      <div className="desk-band-panel__top">
        <h3 className="desk-band-panel__heading" id="band-heading">
          Traffic light result
        </h3>
        <p className="desk-band-panel__band">
          Highest band: <BandTag band={band} large />
        </p>
        <p className="desk-band-panel__decides">Clinician decides.</p>
        {/* Spoken when the band or the emergency changes, not on every tick of a radio. */}
        <p className="nhsuk-u-visually-hidden" aria-live="polite" aria-atomic="true">
          {`Traffic light: ${BAND_LABEL[band]}.${emergency ? ' Emergency features: suggest 999.' : ''}`}
        </p>
      </div>

      {emergency ? (
        <div className="desk-band-panel__line desk-band-panel__line--emergency">
          <strong className="desk-band-panel__emergency">
            <span className="nhsuk-u-visually-hidden">Important: </span>Emergency features: suggest 999.
          </strong>{' '}
          <InlineList testId="emergency-reasons" items={emergencyReasons.map((reason) => ({ key: `${reason.feature}-${reason.text}`, text: reason.text }))} />
        </div>
      ) : null}

      {others.length ? (
        <div className="desk-band-panel__line">
          <strong>{emergency ? `Other ${BAND_LABEL[band].toLowerCase()} features:` : `${BAND_LABEL[band]} because:`}</strong>{' '}
          <InlineList testId="band-reasons" items={others.map((reason) => ({ key: `${reason.feature}-${reason.text}`, text: reason.text }))} />
        </div>
      ) : null}

      <p className="desk-band-panel__line">
        <strong>NG143 route:</strong> {route.text}.
      </p>

      {limits.map((limit) => (
        <p className="desk-band-panel__line desk-band-panel__limit" key={limit}>
          <span className="nhsuk-u-visually-hidden">Information: </span>
          {limit}
        </p>
      ))}

      <div className="desk-band-panel__foot">
        <p className="desk-band-panel__count" data-testid="not-assessed-count">
          {notAssessed.length} of {featureKeys.length} features not assessed
        </p>
        {notAssessed.length ? (
          <details className="nhsuk-details desk-band-panel__details" ref={details}>
            <summary className="nhsuk-details__summary">
              <span className="nhsuk-details__summary-text">Features not assessed</span>
            </summary>
            <div className="nhsuk-details__text">
              <ul className="nhsuk-list nhsuk-body-s">
                {notAssessed.map((feature) => (
                  <li key={feature}>
                    <a href={`#${findingControlId(feature)}`} onClick={(event) => jumpTo(event, feature, details.current, onReveal)}>
                      {FEATURES[feature].label}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          </details>
        ) : null}
      </div>
    </section>
  );
});

/** Reasons as one wrapped line ("Grunting; Nasal flaring"), still a list to a screen reader. */
function InlineList({ items, testId }: { items: { key: string; text: string }[]; testId: string }) {
  return (
    <ul className="desk-band-panel__inline-list" data-testid={testId}>
      {items.map((item) => (
        <li key={item.key}>{item.text}</li>
      ))}
    </ul>
  );
}

/**
 * In-page links move focus too, so the keyboard continues from the feature. The list closes first,
 * so the panel is small again and does not sit over the feature; a folded or filtered feature is
 * revealed before focus moves.
 */
function jumpTo(
  event: MouseEvent<HTMLAnchorElement>,
  feature: FeatureKey,
  details: HTMLDetailsElement | null,
  onReveal: ((feature: FeatureKey) => void) | undefined,
) {
  onReveal?.(feature);
  const control = document.getElementById(findingControlId(feature));
  if (!control) return;
  event.preventDefault();
  if (details) details.open = false;
  control.focus();
  control.scrollIntoView?.({ block: 'center' });
}
