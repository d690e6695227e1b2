import { useKeepAlive } from '../features/auth/sessionKeeper';
import { visibleRows } from '../features/board/boardState';
import { BoardTable } from '../features/board/BoardTable';
import { CliniciansTable } from '../features/board/CliniciansTable';
import { Headline, TodayTables } from '../features/board/Headline';
import { useBoard, useNow } from '../features/board/useBoard';
import { RecentDecisions } from '../features/queue/RecentDecisions';
import { DayCharts } from '../features/reports/DayCharts';
import { SupervisorNav } from '../features/reports/SupervisorNav';
import { formatTime } from '../lib/format';

/**
 * The supervisor's live board on a wall screen: every open case with its state and time in it,
 * the clinicians on shift, the day's figures. Pushed (snapshot + deltas), never polled.
 */
export default function SupervisorPage() {
  const board = useBoard();
  // A board on a wall screen is watched, not typed at: it keeps its session alive (a clinician's case list does not).
  useKeepAlive('board', true);
  const now = useNow();
  const { data, connection, problem } = board;
  const serverNow = now + (data?.clockOffsetMs ?? 0);
  const live = connection === 'live';

  return (
    <div className="desk-wall">
      <title>Live board – NHS 111 paediatric video desk</title>
      <SupervisorNav />
      <h1 className="nhsuk-heading-xl">Live board</h1>
      <p className="nhsuk-body-l" role="status" data-testid="board-connection" data-connection={connection}>
        <strong className={`nhsuk-tag nhsuk-tag--${live ? 'green' : connection === 'stopped' ? 'red' : 'yellow'}`}>
          {live ? 'Live' : connection === 'stopped' ? 'Not live' : data ? 'Reconnecting — figures may be out of date' : 'Connecting…'}
        </strong>
        {data ? (
          <>
            {' '}
            Last update <time dateTime={data.receivedAt}>{formatTime(data.receivedAt)}</time>
          </>
        ) : null}
      </p>
      {problem ? (
        <p className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error:</span> {problem}
        </p>
      ) : null}

      {!data ? (
        <p className="nhsuk-body-l">Loading the board…</p>
      ) : (
        <div className={live ? undefined : 'desk-board--stale'}>
          <Headline headline={data.headline} />
          <BoardTable rows={visibleRows(data, serverNow)} thresholds={data.thresholds} serverNowMs={serverNow} />
          <CliniciansTable clinicians={data.clinicians} />
          <section aria-labelledby="today-h">
            <h2 className="nhsuk-heading-m" id="today-h">
              Today
            </h2>
            <TodayTables today={data.headline.today} />
            <DayCharts figures={data.headline.today} headingLevel={3} />
          </section>
        </div>
      )}

      {/* Reloaded whenever a row is newly decided (a signature or an amendment moves its time). */}
      <RecentDecisions
        refreshKey={
          data
            ? Object.values(data.rows)
                .filter((row) => row.state === 'decided')
                .map((row) => `${row.caseId}@${row.stateSince}`)
                .sort()
                .join(',') || 'none'
            : null
        }
      />
    </div>
  );
}
