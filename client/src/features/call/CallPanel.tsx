import { formatUkPhone, IN_CALL_STATES, isInMedia, SETTLING_STATES, type CallUpdate, type MediaMode } from '@desk/shared';
import { useCallback, useEffect, useMemo, type ReactNode } from 'react';
import { useKeepAlive } from '../auth/sessionKeeper';
import { useStore } from 'zustand';
import { getSocket } from '../../lib/socket';
import { deskReaders } from '../../lib/deskReaders';
import { AskForPhoto } from './AskForPhoto';
import type { CallSocket } from './channel';
import type { CallController } from './controller';
import { DeskAsks } from './DeskAsks';
import { useCallController, useElapsed } from './hooks';
import { CALL_STALLED_CHOICE_MS, clinicianCallLabel } from './labels';
import { linkControls, type CallFacts } from './linkControls';
import { MediaControls } from './MediaControls';
import { ParticipantList } from './ParticipantList';
import { VideoStage } from './VideoStage';
import { WaitingAlertSettings } from './WaitingAlertSettings';
import { waitingNow } from './waiting';
import { useWaitingAlerts } from './waitingAlerts';
import './call-panel.scss';

type CallPanelProps = {
  caseId: string;
  /** E.164, as stored on the case: the number to call back when video fails. */
  callerPhone: string;
  /** Told each new snapshot of the call (and whether this page holds it), for the case page's link controls, announcements and leave guard. */
  onCallChange?: (call: LiveCall | null) => void;
  /** "Zara, 3 years (111-…)": says whose call a background notification is about. */
  childLabel?: string;
  /** The case's link controls, under the call's own tools (they scroll; the video does not). */
  children?: ReactNode;
};

/** The call as this page last heard it from the socket. */
export type LiveCall = CallFacts & { holding: boolean; /** ISO: when the parent started waiting to be let in (null: not waiting). */ parentWaitingSince?: string | null };

/**
 * The clinician's camera opens once someone is waiting, not when the case opens: most cases are
 * phone-only and the camera light should not come on for them. Opening it before "Admit" gets
 * the permission prompt and camera start-up out of the way, and lets the clinician check their picture.
 */
function clinicianWantsMedia(update: CallUpdate | null): boolean {
  if (!update || update.snapshot.state === 'ended') return false;
  return update.participants.some((p) => p.role !== 'clinician' && (p.state === 'waiting' || isInMedia(p)));
}

export function CallPanel({ caseId, callerPhone, onCallChange, childLabel = 'the child', children }: CallPanelProps) {
  const controller = useCallController({
    page: { kind: 'desk', caseId },
    socket: getSocket('staff', deskReaders),
    autoMedia: clinicianWantsMedia,
  });
  const update = useStore(controller.session.store, (view) => view.update);
  const holding = useStore(controller.session.store, (view) => view.self?.holding === true);
  useEffect(() => {
    const parentWaiting = update?.participants.find((p) => p.role === 'parent' && p.state === 'waiting' && p.present);
    onCallChange?.(
      update
        ? { state: update.snapshot.state, reason: update.snapshot.reason, participants: update.participants, holding, parentWaitingSince: parentWaiting?.waitingSince ?? null }
        : null,
    );
  }, [onCallChange, update, holding]);

  const participants = update?.participants;
  const waiting = useMemo(() => (participants ? waitingNow(participants) : []), [participants]);
  const focusAdmit = useCallback(() => focusAdmitControl(), []);
  useWaitingAlerts({ waiting, active: holding, who: childLabel, focusAdmit });

  return (
    <CallPanelView controller={controller} callerPhone={callerPhone} asksSocket={getSocket('staff', deskReaders)}>
      {children}
    </CallPanelView>
  );
}

/** Puts focus on the parent's admit control (from a notification or a banner): never a second control that admits. */
export function focusAdmitControl(): void {
  const admit = document.querySelector<HTMLButtonElement>('[data-admit-for="parent"]:not([disabled])') ?? document.querySelector<HTMLButtonElement>('[data-admit-for]:not([disabled])');
  if (!admit) return;
  admit.focus();
  admit.scrollIntoView({ block: 'center' });
}

const MODE_OPTIONS: { value: MediaMode; label: string }[] = [
  { value: 'full', label: 'Full video' },
  { value: 'low', label: 'Low-data video (15 fps, 360p)' },
  { value: 'audio', label: 'Audio only' },
];

type CallPanelViewProps = { controller: CallController; callerPhone: string; asksSocket?: CallSocket; children?: ReactNode };

/**
 * Two parts: the stage (state, who is waiting with their admit control, the video and the call's
 * controls), which never scrolls, and the tools under it (asks, photos, the link, a colleague),
 * which scroll inside the column on a desk screen, so tabbing through them never pushes the child
 * out of view.
 */
export function CallPanelView({ controller, callerPhone, asksSocket, children }: CallPanelViewProps) {
  const session = useStore(controller.session.store);
  const media = useStore(controller.media.store);
  const slots = useStore(controller.peers.store, (view) => view.slots);
  const { update, known, self, movedAway, connection, stateSince, requestError } = session;

  const state = update?.snapshot.state ?? null;
  const reason = update?.snapshot.reason ?? null;
  const open = state !== null && state !== 'ended';
  const parent = update?.participants.find((p) => p.role === 'parent') ?? null;
  const parentSlot = Object.values(slots).find((slot) => slot.role === 'parent') ?? null;
  const holding = self?.holding === true;
  const heldElsewhere = open && self !== null && !holding;
  // A live call in this tab keeps the clinician signed in, keyboard or not.
  useKeepAlive('call', open && holding);

  // 30 s without media from the parent: offer a clear choice (keep trying, or carry on by phone).
  const noMediaSince = parentSlot && parentSlot.peerState !== 'connected' ? parentSlot.since : state !== null && SETTLING_STATES.has(state) ? stateSince : null;
  const stalled = useElapsed(noMediaSince !== null && holding, noMediaSince ?? 0, CALL_STALLED_CHOICE_MS);
  const label = known || update ? clinicianCallLabel(update) : 'Checking the video call…';
  const remoteSlots = Object.values(slots).sort((a, b) => (a.role === 'parent' ? -1 : b.role === 'parent' ? 1 : 0));
  const showVideo = holding && (remoteSlots.length > 0 || media.stream !== null);
  const endControl = linkControls(update ? { state: update.snapshot.state, reason, participants: update.participants } : null, false).end;

  return (
    <section className="call-panel" aria-labelledby="call-panel-heading">
      <div className="call-panel__stage">
        <div className="call-panel__title">
          <h2 id="call-panel-heading" className="nhsuk-heading-m">
            Video call
          </h2>
          <p
            className="call-panel__state"
            data-testid="call-state"
            data-state={state ?? 'none'}
            data-reason={reason ?? ''}
            data-call-id={update?.callId ?? ''}
          >
            <strong>{label}</strong>
            {parent && state !== null && IN_CALL_STATES.has(state) && !parent.present && parent.state !== 'left' ? (
              <span className="call-panel__presence"> (the parent's page is not connected)</span>
            ) : null}
          </p>
        </div>
        {connection !== 'connected' && known && <p className="call-panel__connection">Lost contact with the desk server. Trying again…</p>}

        {heldElsewhere ? (
          <div className="nhsuk-inset-text call-panel__elsewhere" data-testid="call-elsewhere">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>{movedAway ? 'The call moved to another tab or window. Media is there now.' : 'This call is open in another tab.'}</p>
            <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => void controller.claim()}>
              Use this tab
            </button>
          </div>
        ) : null}

        {state === 'failed' || (stalled && open) ? (
          <div className="nhsuk-inset-text call-panel__fallback" data-testid="video-choice">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>
              {state === 'failed' ? "Video isn't working." : 'No video from the parent for 30 seconds.'} Carry on by phone; if the phone call has
              dropped, call the parent back on <strong>{formatUkPhone(callerPhone)}</strong>
            </p>
            {reason === 'permission_denied' || reason === 'no_camera' ? (
              <p>The parent's page shows how to allow the camera and a Try again button: no new link is needed.</p>
            ) : null}
            {state !== 'failed' ? (
              <div className="call-panel__choice">
                <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => void controller.keepTrying()}>
                  Keep trying
                </button>
                <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => void controller.end('phone_fallback')}>
                  Continue by phone
                </button>
              </div>
            ) : null}
            <p>You can record the decision from the phone call alone.</p>
          </div>
        ) : null}
        {state === 'ended' && reason === 'phone_fallback' ? (
          <p className="nhsuk-inset-text">
            Carry on by phone. If the phone call has dropped, call the parent back on <strong>{formatUkPhone(callerPhone)}</strong>.
          </p>
        ) : null}

        {update && open && holding ? <ParticipantList update={update} selfId={self.participantId} controller={controller} /> : null}

        {showVideo ? <VideoStage remoteSlots={remoteSlots} localStream={media.stream} /> : null}
        {holding && media.status === 'pending' && <p className="call-panel__note">Starting your camera and microphone…</p>}
        {holding && media.failure && (
          <p className="call-panel__note call-panel__note--error">
            Your camera or microphone could not be started ({media.failure.message}) The parent will not see or hear you on video: keep talking on
            the phone.
          </p>
        )}

        {open && holding ? (
          <div className="call-panel__controls">
            {/* No camera yet (nobody waiting): nothing to mute, so no greyed-out buttons crowding the column. */}
            {media.stream || media.status === 'pending' ? (
              <MediaControls controller={controller} modes={MODE_OPTIONS} modeId="call-mode" buttonsClassName="call-panel__media" modeClassName="call-panel__mode" />
            ) : null}
            {endControl === 'end_call' ? (
              <button type="button" className="nhsuk-button nhsuk-button--warning call-panel__end" data-shortcut="end-call" onClick={() => void controller.end()}>
                End call
              </button>
            ) : endControl === 'cancel_link' ? (
              // Nobody has joined: ending now only takes the link back, so it is not a red End call.
              <button type="button" className="nhsuk-button nhsuk-button--secondary call-panel__end" onClick={() => void controller.end()}>
                Cancel the video link
              </button>
            ) : null}
          </div>
        ) : null}
        {requestError && (
          <p className="nhsuk-error-message" role="alert">
            <span className="nhsuk-u-visually-hidden">Error: </span>
            {requestError.message}
          </p>
        )}
      </div>
      <div className="call-panel__tools" data-testid="call-tools">
        {state === 'connected' && holding && (
          <div className="nhsuk-card nhsuk-card--warning call-panel__prompt">
            <div className="nhsuk-card__content">
              <h3 className="nhsuk-card__heading nhsuk-heading-s">Important</h3>
              <p>Ask the parent to hang up the phone call now: their phone can only use its microphone for one call.</p>
            </div>
          </div>
        )}
        {asksSocket && update && holding && state !== null && IN_CALL_STATES.has(state) && parent && isInMedia(parent) ? <DeskAsks socket={asksSocket} callId={update.callId} /> : null}
        {asksSocket && open && holding && update ? <AskForPhoto callId={update.callId} socket={asksSocket} parentInCall={parent !== null && isInMedia(parent)} /> : null}
        {open && holding ? <WaitingAlertSettings /> : null}
        {children}
      </div>
    </section>
  );
}
