import {
  VIDEO_ASSESSMENT_TIP,
  FEATURE_GROUP_LABEL,
  FEATURES,
  bandForValue,
  featureGroups,
  featureKeys,
  featuresInGroup,
  type DescriptiveFeature,
  type FeatureGroup,
  type FeatureKey,
  type NumericFeature,
} from '@desk/shared';
import { memo } from 'react';
import { FieldError, RadioItems } from '../../components/Fields';
import { BandTag } from './BandTag';
import { BreathCounter } from './BreathCounter';
import type { CountClock } from './breathCounter';
import type { ChecklistView } from './useChecklistView';
import {
  descriptiveChoice,
  findingControlId,
  groupSummary,
  measuredValue,
  type DescriptiveChoice,
  type FindingsState,
  type GroupSummary,
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

type Props = {
  findings: FindingsState;
  patient: TriagePatient;
  errors: Partial<Record<FeatureKey, string>>;
  onChange: (feature: FeatureKey, value: DescriptiveChoice | string) => void;
  /** Folded groups and the video filter (DecisionForm owns it, so the band panel's links can reveal a feature). */
  view: ChecklistView;
  /** For tests of the breath counter. */
  clock?: CountClock;
};

const NOT_ON_VIDEO_COUNT = featureKeys.filter((feature) => !FEATURES[feature].videoVisible).length;

/** A feature with an error is never hidden, so fewer than all may be. */
const hiddenText = (hidden: number) =>
  hidden === NOT_ON_VIDEO_COUNT
    ? `Hidden: the ${hidden} features video cannot show`
    : `Hidden: ${hidden} of the ${NOT_ON_VIDEO_COUNT} features video cannot show (any with an error stays shown)`;

/**
 * The NG143 checklist, grouped as in the table. Renders the findings state; owns none. Groups fold
 * and features video cannot show can be hidden: both only hide rows, so no answer is ever lost,
 * and a row with an error is always shown (the error summary links to it).
 */
export const TriageChecklist = memo(function TriageChecklist({ findings, patient, errors, onChange, view, clock }: Props) {
  const shown = (feature: FeatureKey) => !view.videoOnly || FEATURES[feature].videoVisible || Boolean(errors[feature]);
  const hidden = featureKeys.filter((feature) => !shown(feature));
  const hiddenAnswered = hidden.filter((feature) => findings[feature] !== undefined).length;
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
        <VideoTag /> marks what a video call can show, <NotOnVideoTag /> what it cannot.
      </p>
      <div className="desk-triage__filter">
        <input
          className="desk-triage__filter-input"
          type="checkbox"
          id="triage-video-only"
          checked={view.videoOnly}
          aria-describedby="triage-video-only-status"
          onChange={(event) => view.setVideoOnly(event.target.checked)}
        />
        <label className="nhsuk-label desk-triage__filter-label" htmlFor="triage-video-only">
          Show only what video can show
        </label>
        <p className="nhsuk-body-s desk-triage__filter-status" id="triage-video-only-status" role="status" data-testid="video-filter-status">
          {view.videoOnly
            ? `${hiddenText(hidden.length)}${hiddenAnswered ? `, ${hiddenAnswered} of them answered` : ''}. Answers are kept and still count.`
            : ''}
        </p>
      </div>
      {featureGroups.map((group) => (
        <ChecklistGroup
          key={group}
          group={group}
          findings={findings}
          patient={patient}
          errors={errors}
          onChange={onChange}
          collapsed={view.collapsed.has(group)}
          onToggle={view.toggleGroup}
          shown={shown}
          clock={clock}
        />
      ))}
    </section>
  );
});

type GroupProps = Omit<Props, 'view'> & {
  group: FeatureGroup;
  collapsed: boolean;
  onToggle: (group: FeatureGroup) => void;
  shown: (feature: FeatureKey) => boolean;
};

/** One NG143 group: its name (the group's accessible name), a Hide/Show control and a line of what it holds. */
function ChecklistGroup({ group, findings, patient, errors, onChange, collapsed, onToggle, shown, clock }: GroupProps) {
  const label = FEATURE_GROUP_LABEL[group];
  const features = featuresInGroup(group);
  const hasError = features.some((feature) => errors[feature]);
  // A group holding an error stays open: the error summary's link must reach the field.
  const open = !collapsed || hasError;
  const headingId = `triage-group-${group}`;
  const itemsId = `${headingId}-items`;
  const summaryId = `${headingId}-summary`;
  const hiddenHere = features.filter((feature) => !shown(feature)).length;
  return (
    <div className="desk-triage__group" role="group" aria-labelledby={headingId}>
      <div className="desk-triage__group-header">
        <h4 className="nhsuk-heading-s desk-triage__group-heading" id={headingId}>
          {label}
        </h4>
        <button
          type="button"
          className="desk-triage__toggle"
          aria-expanded={open}
          aria-controls={itemsId}
          aria-describedby={summaryId}
          disabled={hasError}
          onClick={() => onToggle(group)}
        >
          {/* The space outside the hidden span: some name computations drop one inside it. */}
          {open ? 'Hide' : 'Show'}{' '}
          <span className="nhsuk-u-visually-hidden">{label}</span>
        </button>
      </div>
      <GroupSummaryLine
        id={summaryId}
        summary={groupSummary(findings, group, patient.ageMonths)}
        hiddenHere={hiddenHere}
        hasError={hasError}
      />
      <div id={itemsId} hidden={!open}>
        {VIDEO_ASSESSMENT_TIP[group] ? <p className="nhsuk-body-s desk-triage__note">{VIDEO_ASSESSMENT_TIP[group]}</p> : null}
        {features.map((feature) => {
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
              hidden={!shown(feature)}
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
              hidden={!shown(feature)}
              onChange={onChange}
            />
          );
        })}
      </div>
    </div>
  );
}

/** "2 of 5 answered · 1 red · 1 amber": the band counts are written out, colour is never the only signal. */
function GroupSummaryLine({ id, summary, hiddenHere, hasError }: { id: string; summary: GroupSummary; hiddenHere: number; hasError: boolean }) {
  const { red, amber } = summary.present;
  return (
    <p className="nhsuk-body-s desk-triage__summary" id={id} data-testid="group-summary">
      <span>
        {summary.answered} of {summary.total} answered
      </span>
      {red ? <PresentCount band="red" count={red} /> : null}
      {amber ? <PresentCount band="amber" count={amber} /> : null}
      {hiddenHere ? <span> · {hiddenHere} hidden (not on video)</span> : null}
      {hasError ? <strong className="desk-triage__summary-error"> · Error to fix</strong> : null}
    </p>
  );
}

function PresentCount({ band, count }: { band: 'red' | 'amber'; count: number }) {
  return (
    <>
      {' · '}
      <strong className={`nhsuk-tag nhsuk-tag--${band === 'red' ? 'red' : 'orange'} desk-tag--small`}>
        {count} {band}{' '}
        <span className="nhsuk-u-visually-hidden">{count === 1 ? 'feature' : 'features'} present</span>
      </strong>
    </>
  );
}

export function VideoTag() {
  return (
    <strong className="nhsuk-tag nhsuk-tag--blue desk-tag--small">
      Video<span className="nhsuk-u-visually-hidden">: can be seen or heard on a video call</span>
    </strong>
  );
}

/** A feature a video call cannot show (measured, felt or only reported): written out, not just an absent "Video". */
export function NotOnVideoTag() {
  return (
    <strong className="nhsuk-tag nhsuk-tag--white desk-tag--small desk-tag--not-on-video">
      Not on video<span className="nhsuk-u-visually-hidden">: a video call cannot show this</span>
    </strong>
  );
}

type DescriptiveProps = {
  feature: FeatureKey;
  definition: DescriptiveFeature;
  choice: DescriptiveChoice;
  error: string | undefined;
  /** Filtered out ("only what video can show"): hidden, its answer kept. */
  hidden: boolean;
  onChange: (feature: FeatureKey, choice: DescriptiveChoice) => void;
};

/** Memoised with a stable `onChange`: ticking one feature re-renders one row, not 43. */
const DescriptiveFinding = memo(function DescriptiveFinding({ feature, definition, choice, error, hidden, onChange }: DescriptiveProps) {
  const id = findingControlId(feature);
  const describedBy = [`${id}-meta`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  const marked = choice === 'present' ? ` desk-finding--present-${definition.band}` : choice === 'absent' ? ' desk-finding--absent' : '';
  return (
    <div className={`nhsuk-form-group desk-finding${marked}${error ? ' nhsuk-form-group--error' : ''}`} hidden={hidden}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy}>
        <legend className="nhsuk-fieldset__legend desk-finding__legend">{definition.label}</legend>
        <span className="desk-finding__meta" id={`${id}-meta`}>
          <BandTag band={definition.band} prefix="NG143 band:" /> {definition.videoVisible ? <VideoTag /> : <NotOnVideoTag />}
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
  hidden: boolean;
  onChange: (feature: FeatureKey, text: string) => void;
  clock: CountClock | undefined;
};

const NumericFinding = memo(function NumericFinding({ feature, definition, text, value, ageMonths, error, hidden, onChange, clock }: NumericProps) {
  const id = findingControlId(feature);
  const banded = value === null ? null : bandForValue(feature, value, ageMonths);
  const showBand = value !== null;
  const describedBy = [`${id}-hint`, error ? `${id}-error` : null, showBand ? `${id}-band` : null].filter(Boolean).join(' ');
  return (
    <div className={`nhsuk-form-group desk-finding desk-finding--numeric${error ? ' nhsuk-form-group--error' : ''}`} hidden={hidden}>
      <label className="nhsuk-label desk-finding__legend" htmlFor={id}>
        {definition.label}
      </label>
      <div className="nhsuk-hint" id={`${id}-hint`}>
        In {UNIT_WORDS[definition.unit] ?? definition.unit}
        {definition.step < 1 ? ', for example 38.5' : ''}. {definition.videoVisible ? <VideoTag /> : <NotOnVideoTag />}
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
