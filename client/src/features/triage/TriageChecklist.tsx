import {
  VIDEO_ASSESSMENT_TIP,
  FEATURE_GROUP_LABEL,
  FEATURES,
  bandForValue,
  featureGroups,
  featuresInGroup,
  type DescriptiveFeature,
  type FeatureKey,
  type NumericFeature,
} from '@desk/shared';
import { memo } from 'react';
import { FieldError, RadioItems } from '../../components/Fields';
import { BandTag } from './BandTag';
import { BreathCounter } from './BreathCounter';
import type { CountClock } from './breathCounter';
import {
  descriptiveChoice,
  findingControlId,
  measuredValue,
  type DescriptiveChoice,
  type FindingsState,
  type TriagePatient,
} from './findings';

export const TRIAGE_HEADING = 'NICE NG143 traffic light (fever in under 5s)';

const CHOICES: readonly { value: DescriptiveChoice; label: string }[] = [
  { value: 'not_assessed', label: 'Not assessed' },
  { value: 'present', label: 'Present' },
  { value: 'absent', label: 'Absent' },
];

/** Units as a screen reader should say them (the catalogue's short unit is shown beside the box). */
const UNIT_WORDS: Record<string, string> = {
  'breaths/min': 'breaths per minute',
  'beats/min': 'beats per minute',
  '%': 'per cent',
  '°C': 'degrees Celsius',
};

/** Why a group needs care on video (CLINICAL.md: colour, with a lighting caveat). */

type Props = {
  findings: FindingsState;
  patient: TriagePatient;
  errors: Partial<Record<FeatureKey, string>>;
  onChange: (feature: FeatureKey, value: DescriptiveChoice | string) => void;
  /** For tests of the breath counter. */
  clock?: CountClock;
};

/** The NG143 checklist, grouped as in the table. Renders the findings state; owns none. */
export const TriageChecklist = memo(function TriageChecklist({ findings, patient, errors, onChange, clock }: Props) {
  return (
    <section aria-labelledby="triage-heading" className="desk-triage">
      <h3 className="nhsuk-heading-m" id="triage-heading">
        {TRIAGE_HEADING}
      </h3>
      <p className="nhsuk-body">
        Record what you see and hear. Clinician decides: the traffic light supports your judgement, it does not make the
        decision.
      </p>
      <p className="nhsuk-hint">
        Leave a feature as "Not assessed" if you did not check it: not assessed is different from absent.{' '}
        <VideoTag /> marks what a video call can show.
      </p>
      {featureGroups.map((group) => (
        <div className="desk-triage__group" role="group" aria-labelledby={`triage-group-${group}`} key={group}>
          <h4 className="nhsuk-heading-s desk-triage__group-heading" id={`triage-group-${group}`}>
            {FEATURE_GROUP_LABEL[group]}
          </h4>
          {VIDEO_ASSESSMENT_TIP[group] ? <p className="nhsuk-body-s desk-triage__note">{VIDEO_ASSESSMENT_TIP[group]}</p> : null}
          {featuresInGroup(group).map((feature) => {
            const definition = FEATURES[feature];
            return definition.kind === 'numeric' ? (
              <NumericFinding
                key={feature}
                feature={feature}
                definition={definition}
                text={findings[feature] ?? ''}
                value={measuredValue(findings, feature)}
                ageMonths={patient.ageMonths}
                error={errors[feature]}
                onChange={onChange}
                clock={clock}
              />
            ) : (
              <DescriptiveFinding
                key={feature}
                feature={feature}
                definition={definition}
                choice={descriptiveChoice(findings, feature)}
                error={errors[feature]}
                onChange={onChange}
              />
            );
          })}
        </div>
      ))}
    </section>
  );
});

export function VideoTag() {
  return (
    <strong className="nhsuk-tag nhsuk-tag--blue desk-tag--small">
      Video<span className="nhsuk-u-visually-hidden">: can be seen or heard on a video call</span>
    </strong>
  );
}

type DescriptiveProps = {
  feature: FeatureKey;
  definition: DescriptiveFeature;
  choice: DescriptiveChoice;
  error: string | undefined;
  onChange: (feature: FeatureKey, choice: DescriptiveChoice) => void;
};

/** Memoised with a stable `onChange`: ticking one feature re-renders one row, not 43. */
const DescriptiveFinding = memo(function DescriptiveFinding({ feature, definition, choice, error, onChange }: DescriptiveProps) {
  const id = findingControlId(feature);
  const describedBy = [`${id}-meta`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  const marked = choice === 'present' ? ` desk-finding--present-${definition.band}` : choice === 'absent' ? ' desk-finding--absent' : '';
  return (
    <div className={`nhsuk-form-group desk-finding${marked}${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy}>
        <legend className="nhsuk-fieldset__legend desk-finding__legend">{definition.label}</legend>
        <span className="desk-finding__meta" id={`${id}-meta`}>
          <BandTag band={definition.band} prefix="NG143 band:" /> {definition.videoVisible ? <VideoTag /> : null}
        </span>
        {error ? <FieldError id={`${id}-error`} message={error} /> : null}
        <div className="nhsuk-radios nhsuk-radios--inline nhsuk-radios--small desk-finding__choices">
          <RadioItems id={id} name={id} options={CHOICES} value={choice} onChange={(value) => onChange(feature, value)} />
        </div>
      </fieldset>
    </div>
  );
});

type NumericProps = {
  feature: FeatureKey;
  definition: NumericFeature;
  text: string;
  /** The typed value when it is a number in range (banded live), else null. */
  value: number | null;
  ageMonths: number;
  error: string | undefined;
  onChange: (feature: FeatureKey, text: string) => void;
  clock: CountClock | undefined;
};

const NumericFinding = memo(function NumericFinding({ feature, definition, text, value, ageMonths, error, onChange, clock }: NumericProps) {
  const id = findingControlId(feature);
  const banded = value === null ? null : bandForValue(feature, value, ageMonths);
  const showBand = value !== null;
  const describedBy = [`${id}-hint`, error ? `${id}-error` : null, showBand ? `${id}-band` : null].filter(Boolean).join(' ');
  return (
    <div className={`nhsuk-form-group desk-finding desk-finding--numeric${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label desk-finding__legend" htmlFor={id}>
        {definition.label}
      </label>
      <div className="nhsuk-hint" id={`${id}-hint`}>
        In {UNIT_WORDS[definition.unit] ?? definition.unit}
        {definition.step < 1 ? ', for example 38.5' : ''}. {definition.videoVisible ? <VideoTag /> : null}
      </div>
      {error ? <FieldError id={`${id}-error`} message={error} /> : null}
      <div className="nhsuk-input-wrapper">
        <input
          id={id}
          name={id}
          // Text with a numeric keypad, as NHS.UK advises: type="number" would drop a mistyped value silently.
          type="text"
          inputMode={definition.step < 1 ? 'decimal' : 'numeric'}
          autoComplete="off"
          spellCheck={false}
          className={`nhsuk-input nhsuk-input--width-4${error ? ' nhsuk-input--error' : ''}`}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          value={text}
          onChange={(event) => onChange(feature, event.target.value)}
        />
        <div className="nhsuk-input-wrapper__suffix" aria-hidden="true">
          {definition.unit}
        </div>
      </div>
      {showBand ? (
        <p className="nhsuk-body-s desk-finding__band" id={`${id}-band`}>
          {banded ? (
            <>
              <BandTag band={banded.band} prefix="NG143 band:" /> {banded.text}
            </>
          ) : (
            'Not banded: NG143 sets no threshold at this age (5 years or over). Use your judgement.'
          )}
        </p>
      ) : null}
      {feature === 'breathing_rate' ? <BreathCounter inputId={id} onResult={(rate) => onChange(feature, String(rate))} clock={clock} /> : null}
    </div>
  );
});
