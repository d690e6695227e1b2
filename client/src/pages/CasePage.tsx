import { useState } from 'react';
import { COMPLAINT_LABEL } from '@desk/shared';
import { Link, useParams } from 'react-router';
import { SUPERVISOR_ROLES, useSessionStore } from '../features/auth/sessionStore';
import { CallPanel, type LiveCall } from '../features/call/CallPanel';
import { CallAnnouncer } from '../features/call/CallAnnouncer';
import { LeaveCallGuard } from '../features/call/LeaveCallGuard';
import { WaitingBanner } from '../features/call/WaitingBanner';
import { linkControls, type CallFacts } from '../features/call/linkControls';
import { CasePhotos } from '../features/cases/CasePhotos';
import { CaseSummary, childIdentity } from '../features/cases/CaseSummary';
import { VideoLinkSection } from '../features/cases/VideoLinkSection';
import { useCase } from '../features/cases/useCase';
import { DecisionSection } from '../features/decision/DecisionSection';
import { CallBackCallout } from '../features/safeguarding/CallBackCallout';
import { SafeguardingSection } from '../features/safeguarding/SafeguardingConcern';
import { NextCase } from '../features/decision/NextCase';
import { ReadOnlyCase } from '../features/supervisor/ReadOnlyCase';
import { deskTabTitle } from '../features/call/waiting';
import { ApiRequestError } from '../lib/api';
import { errorMessage } from '../lib/errors';

export default function CasePage() {
  const { id = '' } = useParams();
  // Keyed by case so moving between cases starts every form and subscription afresh.
  return <CaseView key={id} caseId={id} />;
}

function CaseView({ caseId }: { caseId: string }) {
  const caseResource = useCase(caseId);
  const devMode = useSessionStore((s) => s.session?.devMode ?? false);
  // Supervisors and administrators read the case; only a clinician's page has the call and the decision form.
  const role = useSessionStore((s) => s.session?.user.role);
  const caseRecord = caseResource.data;
  // The socket's latest snapshot of the call (from the call panel); the case's own summary stands in until one comes.
  const [liveCall, setLiveCall] = useState<LiveCall | null>(null);

  if (!caseRecord) {
    if (caseResource.error) {
      const notFound = caseResource.error instanceof ApiRequestError && caseResource.error.status === 404;
      return (
        <>
          <title>Case – NHS 111 paediatric video desk</title>
          <h1 className="nhsuk-heading-l">{notFound ? 'Case not found' : 'Cannot load the case'}</h1>
          <p className="nhsuk-body">{notFound ? 'Check the link, or find the case in the list.' : errorMessage(caseResource.error)}</p>
          {notFound ? null : (
            <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={caseResource.reload}>
              Try again
            </button>
          )}
          <p className="nhsuk-body">
            <Link to="/">Back to open cases</Link>
          </p>
        </>
      );
    }
    return (
      <p className="nhsuk-body" role="status">
        Loading the case…
      </p>
    );
  }

  const readOnly = role !== undefined && SUPERVISOR_ROLES.includes(role);
  const call: CallFacts | null = liveCall ?? caseRecord.call;
  const live = linkControls(call, false).live && liveCall?.holding === true;
  const waitingCount = call?.state === 'parent_waiting' ? 1 : 0;
  const parentWaitingSince = liveCall?.state === 'parent_waiting' && liveCall.holding ? (liveCall.parentWaitingSince ?? null) : null;
  const header = (
    <header className="desk-case__header">
      <p className="nhsuk-body-s desk-case__back">{readOnly ? <Link to="/supervisor">Back to the live board</Link> : <Link to="/">Back to open cases</Link>}</p>
      {/* Who the call is about stays at the top of the call column, in view for the whole call. */}
      <h1 className="nhsuk-heading-l desk-case__identity" data-testid="case-identity">
        <span className="nhsuk-caption-l">
          Case {caseRecord.reference}
          <span className="desk-case__complaint"> · {COMPLAINT_LABEL[caseRecord.complaint]}</span>
        </span>
        {childIdentity(caseRecord)}
      </h1>
    </header>
  );
  return (
    <>
      <title>{deskTabTitle(`${caseRecord.childFirstName} (${caseRecord.reference})`, readOnly ? 0 : waitingCount)}</title>
      {readOnly ? (
        <>
          {header}
          <ReadOnlyCase caseRecord={caseRecord} onChanged={caseResource.reload} />
        </>
      ) : (
        /*
          Two columns on a desk screen: the call column stays in view (sticky) beside the case and
          the checklist, its stage (who, the video, the call's controls) fixed and its tools
          scrolling, so the clinician watches the child while recording what they see.
        */
        <div className="desk-case">
          <div className="desk-case__call">
            {header}
            <CallAnnouncer call={call} />
            <WaitingBanner waitingSince={parentWaitingSince} />
            <LeaveCallGuard live={live} parentWaiting={call?.state === 'parent_waiting'} callerPhone={caseRecord.callerPhone} />
            {/* Video failed after the parent was asked to hang up: phoning them back comes first. */}
            <CallBackCallout caseRecord={caseRecord} onRecorded={caseResource.reload} />
            {/* A call still running when the decision is signed must stay in reach so it can be ended. */}
            {caseRecord.status === 'open' || (caseRecord.call && caseRecord.call.state !== 'ended') ? (
              <CallPanel
                caseId={caseRecord.id}
                callerPhone={caseRecord.callerPhone}
                onCallChange={setLiveCall}
                childLabel={`${childIdentity(caseRecord)} (${caseRecord.reference})`}
              >
                {caseRecord.status === 'closed' ? null : (
                  <VideoLinkSection caseRecord={caseRecord} call={call} devMode={devMode} onSent={caseResource.reload} />
                )}
              </CallPanel>
            ) : null}
            {caseRecord.status === 'closed' ? (
              <p className="nhsuk-inset-text">This case is closed: its decision is signed. Amend the decision to change it.</p>
            ) : null}
          </div>
          <div className="desk-case__record">
            <CaseSummary caseRecord={caseRecord} />
            <CasePhotos caseRecord={caseRecord} />
            <SafeguardingSection caseRecord={caseRecord} onFlagged={caseResource.reload} />
            <DecisionSection caseRecord={caseRecord} nextCase={<NextCase currentCaseId={caseRecord.id} />} />
          </div>
        </div>
      )}
    </>
  );
}
