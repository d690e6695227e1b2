import { CALL_TIMING, formatUkPhone } from '@desk/shared';
import { useEffect } from 'react';
import { useBlocker } from 'react-router';
import { ConfirmDialog } from '../../components/ConfirmDialog';

type Props = {
  /** This page holds a call the parent is waiting in or on: leaving it should be a choice, not an accident. */
  live: boolean;
  /** The parent is in the waiting room, not yet on the video. */
  parentWaiting: boolean;
  /** E.164, as stored on the case. */
  callerPhone: string;
};

const MEDIA_MINUTES = Math.round(CALL_TIMING.mediaMs / 60_000);

/**
 * Asks before the clinician leaves a live call: in-app navigation (react-router's blocker) gets the
 * desk's dialog; closing or reloading the tab gets the browser's own `beforeunload` question.
 * Leaving never strands the parent: the call's media deadline moves them on to the phone.
 */
export function LeaveCallGuard({ live, parentWaiting, callerPhone }: Props) {
  const blocker = useBlocker(({ currentLocation, nextLocation }) => live && currentLocation.pathname !== nextLocation.pathname);

  useEffect(() => {
    if (!live) return;
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the question only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [live]);

  // The call stopped being live while the question was open: stay put, the clinician can go again freely.
  useEffect(() => {
    if (blocker.state === 'blocked' && !live) blocker.reset();
  }, [blocker, live]);

  if (blocker.state !== 'blocked') return null;
  return (
    <ConfirmDialog title="Leave the call?" confirmLabel="Leave anyway" cancelLabel="Stay in the call" onConfirm={() => blocker.proceed()} onCancel={() => blocker.reset()}>
      {parentWaiting ? (
        <p>The parent stays in the waiting room and the supervisors' board shows them waiting. Open this case again to let them in.</p>
      ) : (
        <>
          <p>The parent stays on the video and will see that you are reconnecting. Open this case again to carry on the call.</p>
          <p>
            If you are not back within {MEDIA_MINUTES} minutes, the video stops and the parent's page asks them to stay on the phone: call
            them back on {formatUkPhone(callerPhone)} if the phone call has dropped.
          </p>
        </>
      )}
    </ConfirmDialog>
  );
}
