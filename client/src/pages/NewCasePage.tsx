import { COMPLAINT_LABEL, complaints, type Complaint } from '@desk/shared';
import { Link, useNavigate } from 'react-router';
import { ErrorSummary } from '../components/ErrorSummary';
import { FieldError, Radios, SelectField, TextField } from '../components/Fields';
import { RELATIONSHIPS, isLandline, type AgeUnit } from '../features/cases/caseForm';
import { useCaseForm } from '../features/cases/useCaseForm';

const COMPLAINT_OPTIONS = complaints.map((value) => ({ value, label: COMPLAINT_LABEL[value] }));

export default function NewCasePage() {
  const navigate = useNavigate();
  const form = useCaseForm((created) => navigate(`/cases/${created.id}`));
  const { values, errors, setValue } = form;
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
          <TextField
            id="dateOfBirth"
            label="Date of birth (optional)"
            type="date"
            widthClass="nhsuk-input--width-10"
            value={values.dateOfBirth}
            error={errors.dateOfBirth}
            onChange={(e) => setValue('dateOfBirth', e.target.value)}
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
          <TextField
            id="preferredLanguage"
            label="Preferred language (optional)"
            widthClass="nhsuk-input--width-20"
            value={values.preferredLanguage}
            error={errors.preferredLanguage}
            onChange={(e) => setValue('preferredLanguage', e.target.value)}
          />

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
