import type { SessionTiming } from '@desk/shared';
import { useEffect, useId, useRef } from 'react';
import { closeSocket } from '../../lib/socket';
import { useSessionStore } from './sessionStore';
import { SessionKeeper, fetchTiming, setCurrentKeeper, useSessionKeeper } from './sessionKeeper';

const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

/**
 * Keeps the signed-in desk's session alive while the person is here, and two minutes before it
 * would end says so, with "Stay signed in". When it ends, the page goes to sign-in and says why.
 */
export function SessionTimeout({ timing }: { timing: SessionTiming }) {
  const view = useSessionKeeper((s) => s.view);
  const keeperRef = useRef<SessionKeeper | null>(null);

  useEffect(() => {
    const keeper = new SessionKeeper({
      now: () => Date.now(),
      ...fetchTiming,
      onEnded: () => {
        const why = useSessionKeeper.getState().view;
        closeSocket('staff');
        useSessionStore.setState({ status: 'signed_out', session: null, error: null, endedBecause: why?.kind === 'ended' && why.why === 'limit' ? 'limit' : 'idle' });
      },
    });
    keeperRef.current = keeper;
    setCurrentKeeper(keeper);
    keeper.start(timing);
    const onActivity = () => void keeper.activity();
    document.addEventListener('keydown', onActivity, { passive: true });
    document.addEventListener('pointerdown', onActivity, { passive: true });
    return () => {
      document.removeEventListener('keydown', onActivity);
      document.removeEventListener('pointerdown', onActivity);
      setCurrentKeeper(null);
      keeper.stop();
    };
    // The keeper follows the server from here on; a new sign-in mounts a new one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (view?.kind !== 'warning') return null;
  return <TimeoutWarning endsAt={view.endsAt} why={view.why} onStay={() => void keeperRef.current?.stay()} />;
}

function TimeoutWarning({ endsAt, why, onStay }: { endsAt: number; why: 'idle' | 'limit'; onStay(): void }) {
  const headingId = useId();
  const bodyId = useId();
  const action = useRef<HTMLButtonElement>(null);
  const signOut = useSessionStore((s) => s.signOut);
  useEffect(() => action.current?.focus(), []);
  const at = clock.format(endsAt);
  return (
    <div className="desk-timeout" role="alertdialog" aria-modal="true" aria-labelledby={headingId} aria-describedby={bodyId} data-testid="session-timeout">
      <div className="desk-timeout__panel">
        <h2 className="nhsuk-heading-m" id={headingId}>
          {why === 'idle' ? 'You will be signed out soon' : 'Your session is about to end'}
        </h2>
        <p className="nhsuk-body" id={bodyId}>
          {why === 'idle'
            ? `You have not used the desk for a while. To protect patients' details you will be signed out at ${at}. A call in progress is not ended.`
            : `You have been signed in for the longest a session can last. You will be signed out at ${at}: save your work and sign in again.`}
        </p>
        <div className="nhsuk-button-group">
          {why === 'idle' && (
            <button type="button" className="nhsuk-button" ref={action} onClick={onStay}>
              Stay signed in
            </button>
          )}
          <button type="button" className="nhsuk-button nhsuk-button--secondary" ref={why === 'idle' ? undefined : action} onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </div>
    </div>
  );
}
