import { COMPLAINT_LABEL, PARENT_LANGUAGES, complaints, languageLabel, type Complaint } from '@desk/shared';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { DateInput } from '../components/DateInput';
import { ErrorSummary } from '../components/ErrorSummary';
import { FieldError, Radios, SelectField, TextField } from '../components/Fields';
import { OTHER_LANGUAGE, RELATIONSHIPS, isLandline, looksLike111Reference, type AgeUnit } from '../features/cases/caseForm';
import { useCaseForm } from '../features/cases/useCaseForm';

const COMPLAINT_OPTIONS = complaints.map((value) => ({ value, label: COMPLAINT_LABEL[value] }));

export default function NewCasePage() {
  const navigate = useNavigate();
  const form = useCaseForm((created) => navigate(`/cases/${created.id}`));
  const { values, errors, setValue } = form;
  // Said once the clinician has left the box (or tried to submit), not at every keystroke of "111-…".
  const [referenceLeft, setReferenceLeft] = useState(false);
  const referenceWarning =
    (referenceLeft || form.attempt > 0) && values.reference.trim() !== '' && !errors.reference && !looksLike111Reference(values.reference);
  const errorSummary = form.formError ? [{ fieldId: 'reference', message: form.formError }, ...form.errorList] : form.errorList;

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <title>New case – NHS 111 paediatric video desk</title>
        <ErrorSummary errors={errorSummary} focusKey={form.attempt} />
        <h1 className="nhsuk-heading-l">New case</h1>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void form.submit();
          }}
        >
          <TextField
            id="reference"
            label="111 reference"
            widthClass="nhsuk-input--width-20"
            autoComplete="off"
            spellCheck={false}
            value={values.reference}
            error={errors.reference}
            onChange={(e) => setValue('reference', e.target.value)}
            onBlur={() => setReferenceLeft(true)}
            describedByAlso={referenceWarning ? 'reference-warning' : undefined}
            after={
              <div role="status">
                {referenceWarning ? (
                  <p className="desk-note desk-note--warning" id="reference-warning" data-testid="reference-warning">
                    <strong>Warning:</strong> This does not look like a 111 reference (they look
                    like 111-ABC-123). Check it against the 111 record: you can still create the case.
                  </p>
                ) : null}
              </div>
            }
          />

          <h2 className="nhsuk-heading-m">Child</h2>
          <TextField
            id="childFirstName"
            label="Child's first name"
            widthClass="nhsuk-input--width-20"
            autoComplete="off"
            spellCheck={false}
            value={values.childFirstName}
            error={errors.childFirstName}
            onChange={(e) => setValue('childFirstName', e.target.value)}
          />
          <div className={`nhsuk-form-group${errors.ageValue ? ' nhsuk-form-group--error' : ''}`}>
            <fieldset className="nhsuk-fieldset" aria-describedby={errors.ageValue ? 'ageValue-error' : undefined}>
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Child's age</legend>
              {errors.ageValue ? <FieldError id="ageValue-error" message={errors.ageValue} /> : null}
              <div className="nhsuk-form-group nhsuk-u-margin-bottom-2">
                <label className="nhsuk-label" htmlFor="ageValue">
                  Age
                </label>
                <input
                  id="ageValue"
                  name="ageValue"
                  className={`nhsuk-input nhsuk-input--width-3${errors.ageValue ? ' nhsuk-input--error' : ''}`}
                  type="text"
                  inputMode="decimal"
                  autoComplete="off"
                  value={values.ageValue}
                  aria-invalid={errors.ageValue ? true : undefined}
                  onChange={(e) => setValue('ageValue', e.target.value)}
                />
              </div>
              <div className="nhsuk-form-group nhsuk-u-margin-bottom-0">
                <label className="nhsuk-label" htmlFor="ageUnit">
                  Months or years
                </label>
                <select
                  id="ageUnit"
                  name="ageUnit"
                  className="nhsuk-select"
                  value={values.ageUnit}
                  onChange={(e) => setValue('ageUnit', e.target.value as AgeUnit)}
                >
                  <option value="years">years</option>
                  <option value="months">months</option>
                </select>
              </div>
            </fieldset>
          </div>
          <DateInput
            id="dateOfBirth"
            legend="Date of birth (optional)"
            legendSize="s"
            hint="For example, 15 3 2024"
            value={values.dateOfBirth}
            error={errors.dateOfBirth}
            errorParts={form.dateOfBirthErrorParts}
            onChange={(parts) => setValue('dateOfBirth', parts)}
          />

          <h2 className="nhsuk-heading-m">Caller</h2>
          <TextField
            id="callerPhone"
            label="Caller's phone number"
            hint="A mobile is needed for the video link"
            type="tel"
            autoComplete="off"
            widthClass="nhsuk-input--width-20"
            value={values.callerPhone}
            error={errors.callerPhone}
            onChange={(e) => setValue('callerPhone', e.target.value)}
            after={
              <div role="status">
                {isLandline(values.callerPhone) ? (
                  <p className="desk-note">Landline: the video link needs a mobile. You can still assess by phone.</p>
                ) : null}
              </div>
            }
          />
          <SelectField
            id="relationship"
            label="Caller's relationship to the child"
            value={values.relationship}
            error={errors.relationship}
            onChange={(e) => setValue('relationship', e.target.value)}
          >
            <option value="">Select a relationship</option>
            {RELATIONSHIPS.map((relationship) => (
              <option key={relationship} value={relationship}>
                {relationship}
              </option>
            ))}
          </SelectField>
          {values.relationship === 'Other' ? (
            <TextField
              id="relationshipOther"
              label="Relationship to the child"
              widthClass="nhsuk-input--width-20"
              value={values.relationshipOther}
              error={errors.relationshipOther}
              onChange={(e) => setValue('relationshipOther', e.target.value)}
            />
          ) : null}

          <Radios
            id="complaint"
            name="complaint"
            legend="Presenting complaint"
            options={COMPLAINT_OPTIONS}
            value={values.complaint}
            error={errors.complaint}
            onChange={(value) => setValue('complaint', value as Complaint)}
          />

          <h2 className="nhsuk-heading-m">Optional details</h2>
          <TextField
            id="nhsNumber"
            label="NHS number (optional)"
            hint="10 digits, for example 943 476 5919"
            inputMode="numeric"
            autoComplete="off"
            widthClass="nhsuk-input--width-10"
            value={values.nhsNumber}
            error={errors.nhsNumber}
            onChange={(e) => setValue('nhsNumber', e.target.value)}
          />
          <TextField
            id="gpPractice"
            label="GP practice (optional)"
            value={values.gpPractice}
            error={errors.gpPractice}
            onChange={(e) => setValue('gpPractice', e.target.value)}
          />
          <SelectField
            id="preferredLanguage"
            label="Preferred language (optional)"
            hint="The parent's video page and texts use it; the desk stays in English"
            value={values.preferredLanguage}
            error={errors.preferredLanguage}
            onChange={(e) => setValue('preferredLanguage', e.target.value)}
          >
            <option value="">Not given (English)</option>
            {PARENT_LANGUAGES.map((language) => (
              <option key={language} value={language}>
                {languageLabel(language)}
              </option>
            ))}
            <option value={OTHER_LANGUAGE}>Other (type it)</option>
          </SelectField>
          {values.preferredLanguage === OTHER_LANGUAGE ? (
            <TextField
              id="preferredLanguageOther"
              label="Language the parent asked for"
              hint="For example, Welsh or Kurdish. If the parent's pages do not speak it, they are in English and the case suggests an interpreter"
              widthClass="nhsuk-input--width-20"
              value={values.preferredLanguageOther}
              error={errors.preferredLanguageOther}
              onChange={(e) => setValue('preferredLanguageOther', e.target.value)}
            />
          ) : null}

          <button type="submit" className="nhsuk-button" disabled={form.busy}>
            {form.busy ? 'Creating case…' : 'Create case'}
          </button>
          <p className="nhsuk-body">
            <Link to="/">Cancel and go back to open cases</Link>
          </p>
        </form>
      </div>
    </div>
  );
}
