import {
  DISPOSITION_LABEL,
  DISPOSITIONS_MOST_URGENT_FIRST,
  describeDisposition,
  routeCautions,
  routeMark,
  suggestedRoute,
  type BandAssessment,
  type Disposition,
  type RouteMark,
} from '@desk/shared';
import { Radios, SelectField, TextField, TextareaField } from '../../components/Fields';
import { BAND_LABEL } from '../triage/BandTag';
import { draftTimeframeHours, needsTimeframe, timeframeOptions, type DecisionDraft, type DecisionErrors } from './decisionDraft';
import { EXAMPLE_CHILDRENS_HUBS } from './referrals';
import type { TextField as DraftTextField } from './useDecisionForm';

/** The words beside an option on the band's route; null marks nothing. */
export function routeMarkText(mark: RouteMark): string | null {
  if (mark === null) return null;
  if (mark.kind === 'meets') return 'Meets the NG143 route for this band';
  return `Meets the NG143 route for this band if within ${mark.hours} hour${mark.hours === 1 ? '' : 's'}`;
}

/** Most urgent first, each on the band's route marked in words: a mark informs, it never selects. */
function dispositionOptions(assessment: BandAssessment) {
  const emergency = assessment.emergencyReasons.length > 0;
  return DISPOSITIONS_MOST_URGENT_FIRST.map((value) => {
    const text = routeMarkText(routeMark({ band: assessment.band, emergency, disposition: value }));
    return {
      value,
      label: DISPOSITION_LABEL[value],
      hint: text ? (
        <span className="desk-route-mark" data-testid="route-mark">
          {text}
        </span>
      ) : undefined,
    };
  });
}

type Props = {
  draft: DecisionDraft;
  errors: DecisionErrors;
  assessment: BandAssessment;
  showOverride: boolean;
  setDisposition: (disposition: Disposition) => void;
  setTimeframe: (timeframe: string) => void;
  setText: (field: DraftTextField, value: string) => void;
};

/** "NG143 route (amber band): … Clinician decides." The form shows the route; it never picks for you. */
export function routeHint(assessment: BandAssessment): string {
  const emergency = assessment.emergencyReasons.length > 0;
  const route = suggestedRoute(assessment.band, emergency);
  const band = assessment.band === 'not_assessed' ? 'no band yet' : `${BAND_LABEL[assessment.band].toLowerCase()} band`;
  return `NG143 route (${band}): ${route.text}. Clinician decides: choose the disposition yourself.`;
}

/** Disposition, timeframe, referral details and, below the NG143 route, the override reason. */
export function DispositionFields({ draft, errors, assessment, showOverride, setDisposition, setTimeframe, setText }: Props) {
  const emergency = assessment.emergencyReasons.length > 0;
  const hours = draftTimeframeHours(draft);
  return (
    <>
      <Radios
        id="disposition"
        name="disposition"
        legend="Disposition"
        hint={<span data-testid="route-suggestion">{routeHint(assessment)}</span>}
        options={dispositionOptions(assessment)}
        value={draft.disposition}
        error={errors.disposition}
        onChange={(value) => setDisposition(value as Disposition)}
      />
      {needsTimeframe(draft.disposition) ? (
        <SelectField
          id="timeframe"
          label="Timeframe"
          value={draft.timeframe}
          error={errors.timeframe}
          onChange={(event) => setTimeframe(event.target.value)}
        >
          <option value="">Select a timeframe</option>
          {timeframeOptions(draft.disposition).map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </SelectField>
      ) : null}

      {draft.disposition === 'hub_referral' ? (
        <fieldset className="nhsuk-fieldset desk-conditional">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Children's Hub referral</legend>
          <TextField
            id="hubName"
            label="Preferred hub"
            hint="Type the hub, or choose an example."
            list="hub-examples"
            autoComplete="off"
            value={draft.hubName}
            error={errors.hubName}
            onChange={(event) => setText('hubName', event.target.value)}
            after={
              <datalist id="hub-examples">
                {EXAMPLE_CHILDRENS_HUBS.map((hub) => (
                  <option key={hub} value={hub} />
                ))}
              </datalist>
            }
          />
          <TextareaField
            id="hubReason"
            label="Reason for referral"
            hint="What the hub's MDT or joint clinic should look at."
            rows={3}
            value={draft.hubReason}
            error={errors.hubReason}
            onChange={(event) => setText('hubReason', event.target.value)}
          />
        </fieldset>
      ) : null}

      {draft.disposition === 'advice_line' ? (
        <fieldset className="nhsuk-fieldset desk-conditional">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Specialist paediatric advice line</legend>
          <TextField
            id="adviceSpecialist"
            label="Specialist you spoke to"
            hint="Name and role, for example Dr A Khan, paediatric registrar."
            autoComplete="off"
            value={draft.adviceSpecialist}
            error={errors.adviceSpecialist}
            onChange={(event) => setText('adviceSpecialist', event.target.value)}
          />
          <TextareaField
            id="adviceGiven"
            label="Advice given"
            rows={3}
            value={draft.adviceGiven}
            error={errors.adviceGiven}
            onChange={(event) => setText('adviceGiven', event.target.value)}
          />
        </fieldset>
      ) : null}

      {draft.disposition && hours !== undefined
        ? routeCautions({ band: assessment.band, emergency, disposition: draft.disposition, timeframeHours: hours }).map((caution) => (
            <div className="nhsuk-warning-callout" data-testid="route-caution" key={caution}>
              <h3 className="nhsuk-warning-callout__label">
                <span role="text">
                  <span className="nhsuk-u-visually-hidden">Important: </span>Check the timeframe
                </span>
              </h3>
              <p>{caution} Clinician decides.</p>
            </div>
          ))
        : null}

      {showOverride ? (
        <div className="nhsuk-card nhsuk-card--warning" data-testid="override-warning">
          <div className="nhsuk-card__content">
            <h3 className="nhsuk-card__heading nhsuk-heading-s">
              <span className="nhsuk-u-visually-hidden">Important: </span>Below the NG143 route
            </h3>
            <p className="nhsuk-card__description">
              {draft.disposition && hours !== undefined ? describeDisposition(draft.disposition, hours) : 'This disposition'} is less
              urgent than the NG143 route for the recorded findings: {suggestedRoute(assessment.band, emergency).text}. You can
              still choose it: give your reason. Overrides are flagged to supervisors and in the audit, and the parent still gets
              safety-netting advice.
            </p>
            <TextareaField
              id="overrideReason"
              label="Override reason"
              hint="Why this disposition is right for this child despite the band."
              rows={3}
              value={draft.overrideReason}
              error={errors.overrideReason}
              onChange={(event) => setText('overrideReason', event.target.value)}
            />
          </div>
        </div>
      ) : null}
    </>
  );
}
