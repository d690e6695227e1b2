import { addDays, isCalendarDate, londonDate, type DayFigures } from '@desk/shared';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ErrorSummary } from '../components/ErrorSummary';
import { DateInput, dateBoxId } from '../components/DateInput';
import { CountTable, TodayTables, formatConversion, formatWait } from '../features/board/Headline';
import { dailyReportPath, loadDayFigures } from '../features/reports/api';
import { useNow } from '../features/board/useBoard';
import { DayCharts } from '../features/reports/DayCharts';
import { readDateParts } from '../features/reports/reportDate';
import { EMPTY_DATE_PARTS, partsOf, type DatePart, type DateParts } from '../lib/dateParts';
import { SupervisorNav } from '../features/reports/SupervisorNav';
import { errorMessage } from '../lib/errors';
import { formatDate } from '../lib/format';
import { useResource } from '../lib/useResource';

const DATE_ID = 'report-date';

/**
 * The daily report (issue 10): one London day's figures as tables and charts, and the same
 * figures as a CSV download. The date is in the address (`?date=`), so a report can be bookmarked.
 */
export default function ReportsPage() {
  const [search, setSearch] = useSearchParams();
  // Moves on at midnight for a page left open (a minute's tick is plenty for a day).
  const today = londonDate(useNow(60_000));
  const asked = search.get('date');
  const date = asked ?? today;
  const readable = isCalendarDate(date) && date <= today;

  return (
    <div className="desk-reports">
      <title>Daily report – NHS 111 paediatric video desk</title>
      <SupervisorNav />
      <h1 className="nhsuk-heading-xl">Daily report</h1>
      <p className="nhsuk-body-l">The figures of one day (UK time), as the board counts them: decisions by their latest version, amendments apart.</p>
      <ReportDateForm key={date} date={date} today={today} addressProblem={!readable} onChoose={(chosen) => setSearch({ date: chosen })} />
      {readable ? <DayReport date={date} today={today} /> : null}
    </div>
  );
}

type FormProps = { date: string; today: string; addressProblem: boolean; onChoose: (date: string) => void };

function ReportDateForm({ date, today, addressProblem, onChoose }: FormProps) {
  const [parts, setParts] = useState<DateParts>(() => (addressProblem ? EMPTY_DATE_PARTS : partsOf(date)));
  const [error, setError] = useState<{ message: string; parts: DatePart[] } | null>(
    addressProblem ? { message: 'The address holds no date a report can be made for: enter one', parts: ['day', 'month', 'year'] } : null,
  );
  const [focusKey, setFocusKey] = useState(0);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const read = readDateParts(parts, today);
    if ('error' in read) {
      setError({ message: read.error, parts: read.parts });
      setFocusKey((k) => k + 1);
      return;
    }
    setError(null);
    onChoose(read.date);
  };
  const example = partsOf(today);

  return (
    <form className="desk-reports__date" onSubmit={onSubmit} noValidate>
      <ErrorSummary errors={error ? [{ fieldId: dateBoxId(DATE_ID, error.parts[0] ?? 'day'), message: error.message }] : []} focusKey={focusKey} />
      <DateInput
        id={DATE_ID}
        legend="Date of the report"
        hint={`For example, ${example.day} ${example.month} ${example.year}`}
        value={parts}
        onChange={setParts}
        error={error?.message}
        errorParts={error?.parts}
      />
      <div className="desk-reports__actions">
        <button type="submit" className="nhsuk-button">
          Show the report
        </button>
        {addressProblem ? null : (
          <p className="nhsuk-body">
            <Link to={`?date=${addDays(date, -1)}`}>Previous day</Link>
            {date < today ? (
              <>
                {' · '}
                <Link to={`?date=${addDays(date, 1)}`}>Next day</Link>
              </>
            ) : null}
          </p>
        )}
      </div>
    </form>
  );
}

function DayReport({ date, today }: { date: string; today: string }) {
  const report = useResource(`report:${date}`, loadDayFigures(date));
  const day = formatDate(date);
  if (report.error && !report.data) {
    return (
      <p className="nhsuk-error-message" role="alert" data-testid="report-error">
        <span className="nhsuk-u-visually-hidden">Error:</span> The report for {day} could not be loaded. {errorMessage(report.error)}
      </p>
    );
  }
  if (!report.data) {
    return (
      <p className="nhsuk-body-l" role="status">
        Loading the report for {day}…
      </p>
    );
  }
  const figures = report.data;
  return (
    <section aria-labelledby="report-h" data-testid="day-report" data-date={figures.date}>
      <h2 className="nhsuk-heading-l" id="report-h">
        {date === today ? `Today so far, ${day}` : day}
      </h2>
      <p className="nhsuk-body">
        <a className="nhsuk-button nhsuk-button--secondary" href={dailyReportPath(date, 'csv')} download={`desk-report-${date}.csv`}>
          Download CSV <span className="nhsuk-u-visually-hidden">of the figures for {day}</span>
        </a>
      </p>
      <CountTable testId="day-figures" caption={`Figures for ${day}`} headers={['Figure', 'Value']} empty="" rows={figureRows(figures)} />
      <TodayTables today={figures} day={date === today ? 'today' : `on ${day}`} />
      <DayCharts figures={figures} headingLevel={3} />
    </section>
  );
}

/** The day's counts, waits, conversion, referrals and overrides: the rows the CSV holds too. */
function figureRows(figures: DayFigures) {
  return [
    { key: 'arrivals', label: 'Cases arriving', values: [figures.arrivals] },
    { key: 'decided', label: 'Cases decided (first decision signed)', values: [figures.decided] },
    { key: 'links-sent', label: 'Cases sent a video link', values: [figures.linksSent] },
    { key: 'connected', label: 'Of those, calls connected', values: [figures.connected] },
    { key: 'conversion', label: 'Video conversion', values: [formatConversion(figures)] },
    { key: 'admitted', label: 'Parents admitted from the waiting room', values: [figures.waits.count] },
    { key: 'median-wait', label: 'Median wait to admit', values: [formatWait(figures.waits.medianSeconds)] },
    { key: 'p90-wait', label: '90th percentile wait to admit', values: [formatWait(figures.waits.p90Seconds)] },
    { key: 'hub', label: "Referrals to the Children's Hub", values: [figures.referrals.hub] },
    { key: 'advice-line', label: 'Referrals to the specialist advice line', values: [figures.referrals.adviceLine] },
    { key: 'overrides', label: 'Below the NG143 route (overrides, latest versions)', values: [figures.overrides] },
  ];
}
