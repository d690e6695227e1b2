import { formatAge, IN_CALL_STATES, isGuestRole, isInMedia, type CallUpdate, type JoinSession, type MediaMode, type Participant } from '@desk/shared';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { CallController } from '../call/controller';
import { useElapsed } from '../call/hooks';
import { CALL_STALLED_CHOICE_MS } from '../call/labels';
import { MediaControls } from '../call/MediaControls';
import { PeerTile } from '../call/PeerTile';
import type { SlotView } from '../call/peerManager';
import { VideoTile } from '../video/VideoTile';
import { AskPrompt } from './AskPrompt';
import { PreCallCheck } from './PreCallCheck';
import { resumeVideos, useForeground, useSecondsSince, useWakeLock, waitedWords } from './callScreen';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ExpiredScreen, OutdatedScreen, ScreenHeading } from './JoinScreens';
import { leaveCall, rejoin, takeCallHere } from './joinFlow';
import { PhotoRequest } from './PhotoRequest';

/** What the parent (or a guest) reads about the call, in plain words. */
export function parentCallLabel(update: CallUpdate | null, clinicianName: string | null): string {
  if (!update) return 'Connecting to NHS 111…';
  switch (update.snapshot.state) {
    case 'created':
    case 'invited':
    case 'parent_waiting':
      return 'The nurse will let you in shortly';
    case 'admitted':
    case 'connecting':
      return 'Connecting you to the nurse…';
    case 'connected':
      return `You are on a video call with ${clinicianName ?? 'the nurse'}`;
    case 'reconnecting':
      return 'Reconnecting…';
    case 'ended':
      return 'The video call has ended';
    case 'failed':
      return 'The video is not working';
  }
}

/** Why a guest is in the call, told to the parent in plain words. */
function guestJoinedWords(guest: Participant): string {
  return guest.role === 'interpreter'
    ? `${guest.name}, an interpreter, has joined to help you and the nurse understand each other.`
    : `${guest.name}, a children's doctor (paediatrician), has joined to help the nurse.`;
}

const MODE_OPTIONS: { value: MediaMode; label: string }[] = [
  { value: 'full', label: 'Full video' },
  { value: 'low', label: 'Use less data' },
  { value: 'audio', label: 'Sound only' },
];

export function ParentCall({ controller, session }: { controller: CallController; session: JoinSession }) {
  const view = useStore(controller.session.store);
  const slots = useStore(controller.peers.store, (state) => state.slots);
  const guest = isGuestRole(session.role);
  const { update } = view;
  const me = update?.participants.find((p) => p.id === session.participantId) ?? null;
  const clinicianSlot = Object.values(slots).find((slot) => slot.role === 'clinician') ?? null;
  const stalled = useElapsed(clinicianSlot !== null && clinicianSlot.peerState !== 'connected', clinicianSlot?.since ?? 0, CALL_STALLED_CHOICE_MS);

  const state = update?.snapshot.state ?? null;
  const reason = update?.snapshot.reason ?? null;
  const attributes = {
    'data-testid': 'call-state',
    'data-state': state ?? 'none',
    'data-reason': reason ?? '',
    'data-call-id': update?.callId ?? '',
    'data-participant-state': me?.state ?? 'none',
  };
  if (state === 'ended') {
    return (
      <>
        <ScreenHeading attributes={attributes}>Video call ended</ScreenHeading>
        <p>{reason === 'phone_fallback' ? 'The nurse will call you back on this phone.' : 'The video call has ended. Stay on the phone if the nurse is still talking to you.'}</p>
        <p>You can close this page.</p>
      </>
    );
  }
  if (me?.state === 'removed') {
    return (
      <>
        <ScreenHeading attributes={{ ...attributes, 'data-state': 'ended', 'data-reason': 'guest_removed' }}>You have left the video call</ScreenHeading>
        <p>The nurse has ended your part in this call. Thank you for helping.</p>
      </>
    );
  }
  // After the end (or removal) above: the session ends with the call, so the closed connection is no news then.
  if (view.connection === 'unauthenticated') return <ExpiredScreen />;
  if (view.connection === 'protocol_mismatch') return <OutdatedScreen />;
  if (me?.state === 'left') {
    return (
      <>
        <ScreenHeading attributes={attributes}>You have left the video call</ScreenHeading>
        {me.reason === 'phone_fallback' ? (
          <p>The nurse will call you back on this phone.</p>
        ) : (
          <p>{guest ? 'The call carries on without you.' : 'Stay on the phone. The nurse can still help you.'}</p>
        )}
        <button type="button" className="nhsuk-button parent-button" onClick={() => void rejoin()}>
          Rejoin
        </button>
      </>
    );
  }
  if (view.movedAway) {
    return (
      <>
        <ScreenHeading attributes={attributes}>This call is open in another tab or window</ScreenHeading>
        <p>The video is showing there now. To use this page instead, tap the button.</p>
        <button type="button" className="nhsuk-button parent-button" onClick={() => void takeCallHere()}>
          Use this tab
        </button>
      </>
    );
  }
  // A newer link was sent and expired unused: this page's link is dead too; only a new one helps.
  if (!guest && state === 'failed' && reason === 'link_expired') return <ExpiredScreen />;
  if (!guest && state === 'failed') {
    return (
      <>
        <ScreenHeading attributes={attributes}>The video is not working</ScreenHeading>
        <p>Stay on the phone. The nurse will talk to you or call you back.</p>
        {reason === 'ice_failed' || reason === 'timeout' ? (
          <p>A weak signal can stop the video. Move closer to your Wi-Fi router, or turn off Wi-Fi to use mobile data. Then tap Try video again.</p>
        ) : null}
        <button type="button" className="nhsuk-button parent-button" onClick={() => void rejoin()}>
          Try video again
        </button>
      </>
    );
  }

  const inMedia = me !== null && isInMedia(me) && (guest || (state !== null && IN_CALL_STATES.has(state)));
  const reconnecting = clinicianSlot?.peerState === 'reconnecting';
  const status = guest && !inMedia ? waitingWords(me, session) : reconnecting ? 'Reconnecting…' : parentCallLabel(update, session.clinicianName);
  // Only a connection that was up can drop: before the first one the page is simply still connecting.
  const signalLost = view.everConnected && view.connection !== 'connected' && !reconnecting;
  const statusLine = (
    <p className="parent-status" role="status" {...attributes}>
      {status}
    </p>
  );
  const notes = (
    <>
      {reconnecting ? <p className="parent-note">The video stopped. Trying to connect again…</p> : null}
      {signalLost ? <p className="parent-note">Your signal dropped. Trying to connect again…</p> : null}
      {view.requestError && (
        <p className="parent-note" role="alert">
          {view.requestError.message}
        </p>
      )}
    </>
  );
  if (!inMedia) {
    return (
      <WaitingRoom controller={controller} session={session} me={me} statusLine={statusLine} notes={notes} stateSince={view.stateSince} />
    );
  }
  const guests = update?.participants.filter((p) => isGuestRole(p.role) && isInMedia(p) && p.id !== session.participantId) ?? [];
  return (
    <InCall
      controller={controller}
      session={session}
      guest={guest}
      statusLine={statusLine}
      notes={notes}
      connected={state === 'connected'}
      guests={guests}
      stalled={stalled}
    />
  );
}

/** The waiting room: how long, what to get ready, the parent's own picture to frame the child, and a small Leave that asks first. */
function WaitingRoom({
  controller,
  session,
  me,
  statusLine,
  notes,
  stateSince,
}: {
  controller: CallController;
  session: JoinSession;
  me: Participant | null;
  statusLine: ReactNode;
  notes: ReactNode;
  stateSince: number;
}) {
  const media = useStore(controller.media.store);
  const connection = useStore(controller.session.store, (view) => view.connection);
  const [confirming, setConfirming] = useState(false);
  const guest = isGuestRole(session.role);
  // The server's time the wait began (a reload keeps counting); the page's own clock only until it says.
  const since = me?.state === 'waiting' ? (me.waitingSince ? Date.parse(me.waitingSince) : stateSince) : null;
  const waited = useSecondsSince(since);
  return (
    <div className="parent-waiting">
      <h1 className="nhsuk-heading-l">{guest ? 'Waiting to join the video call' : 'Waiting for the nurse'}</h1>
      {statusLine}
      {waited !== null ? (
        <p className="parent-waited" data-testid="waited">
          You have waited <span role="timer">{waitedWords(waited)}</span>
        </p>
      ) : null}
      {notes}
      {guest ? null : (
        <section className="parent-prepare" aria-labelledby="parent-prepare-title">
          <h2 id="parent-prepare-title" className="nhsuk-heading-s">
            While you wait, get ready
          </h2>
          <ul className="nhsuk-list nhsuk-list--bullet">
            <li>Go somewhere with good light, or turn the big light on.</li>
            <li>Take off your child's clothes down to their vest.</li>
            <li>Have a clear glass and a torch near you.</li>
          </ul>
        </section>
      )}
      <p>Stay on the phone call for now. This is you:</p>
      <div className="parent-stage parent-stage--waiting">
        <VideoTile stream={media.stream} isLocal mirrored={media.facing === 'user'} label="Your camera" />
      </div>
      <MediaControls controller={controller} modes={MODE_OPTIONS} modeId="parent-mode" buttonsClassName="parent-controls" modeClassName="parent-mode" switchCamera />
      <PreCallCheck stream={media.stream} connected={connection === 'connected'} soundOnly={media.mode === 'audio' && !media.stream?.getVideoTracks().length} />
      <div className="parent-leave">
        <button type="button" className="nhsuk-button nhsuk-button--secondary parent-leave__button" onClick={() => setConfirming(true)}>
          Leave
        </button>
      </div>
      {confirming ? (
        <ConfirmDialog
          title="Leave the waiting room?"
          confirmLabel="Yes, leave"
          cancelLabel="No, keep waiting"
          onConfirm={() => {
            setConfirming(false);
            void leaveCall();
          }}
          onCancel={() => setConfirming(false)}
        >
          <p>The nurse will not be able to see you. You can come back without a new link.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

const NURSE_FIRST = (a: SlotView, b: SlotView) => (a.role === 'clinician' ? -1 : b.role === 'clinician' ? 1 : 0);

/**
 * In the call: the whole screen, portrait or landscape. The nurse full-bleed, the parent's own
 * picture in a corner large enough to frame the child (or full-screen, swapped), the controls
 * over the bottom edge, and a question before End call.
 */
function InCall({
  controller,
  session,
  guest,
  statusLine,
  notes,
  connected,
  guests,
  stalled,
}: {
  controller: CallController;
  session: JoinSession;
  guest: boolean;
  statusLine: ReactNode;
  notes: ReactNode;
  connected: boolean;
  guests: Participant[];
  stalled: boolean;
}) {
  const media = useStore(controller.media.store);
  const slots = useStore(controller.peers.store, (state) => state.slots);
  const [swapped, setSwapped] = useState(false);
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const [needsTap, setNeedsTap] = useState(false);
  const screenRef = useRef<HTMLDivElement>(null);
  const tiles = Object.values(slots).sort(NURSE_FIRST);
  useWakeLock(true);
  const resume = useCallback(() => {
    controller.checkConnection();
    void resumeVideos(screenRef.current).then((ok) => setNeedsTap(!ok));
  }, [controller]);
  useForeground(resume);
  const endWords = guest ? 'Leave call' : 'End call';

  return (
    <div ref={screenRef} className={`parent-call${swapped ? ' parent-call--swapped' : ''}`} data-testid="parent-call">
      <h1 className="nhsuk-u-visually-hidden">Video call</h1>
      <div className={`parent-call__remote parent-call__remote--${Math.min(tiles.length, 3)}`}>
        {tiles.map((slot) => (
          <PeerTile key={slot.participantId} slot={slot} who={slot.role === 'clinician' ? 'The nurse' : slot.name} />
        ))}
      </div>
      <div className="parent-call__self">
        <VideoTile stream={media.stream} isLocal mirrored={media.facing === 'user'} label="Your camera" />
        {/* A tap on the small picture swaps too; the "Swap views" button is the way for keyboards and screen readers. */}
        <button type="button" className="parent-call__self-tap" tabIndex={-1} aria-hidden="true" onClick={() => setSwapped(!swapped)} />
      </div>
      <div className="parent-call__top">
        {statusLine}
        {notes}
        {!guest && guests.length ? (
          <ul className="nhsuk-list parent-guests" aria-label="Who else is in the call">
            {guests.map((g) => (
              <li key={g.id}>{guestJoinedWords(g)}</li>
            ))}
          </ul>
        ) : null}
        {connected && !guest ? <p className="parent-call__hint">The nurse may ask you to hang up the phone call. You will still hear each other.</p> : null}
        {media.switchError ? <p className="parent-note">{media.switchError}</p> : null}
      </div>
      <div className="parent-call__prompts">
        {/* Prompt cards the clinician sends go here, one line each. */}
        <AskPrompt controller={controller} session={session} />
        {needsTap ? (
          <button
            type="button"
            className="nhsuk-button parent-call__tap"
            onClick={() => void resumeVideos(screenRef.current).then((ok) => setNeedsTap(!ok))}
          >
            Tap to start video
          </button>
        ) : null}
        {stalled ? (
          <div className="parent-card" data-testid="video-choice">
            <p>The video has not worked for 30 seconds.</p>
            <div className="parent-card__actions">
              <button type="button" className="nhsuk-button" onClick={() => void controller.keepTrying()}>
                Keep trying
              </button>
              <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => void leaveCall('phone_fallback')}>
                Continue by phone
              </button>
            </div>
          </div>
        ) : null}
      </div>
      <div className="parent-call__controls" role="group" aria-label="Call controls">
        <button type="button" className="parent-call__control" aria-pressed={media.audioMuted} disabled={!media.stream} onClick={() => controller.toggleAudio()}>
          {media.audioMuted ? 'Unmute' : 'Mute'}
        </button>
        {/* Short words on a narrow bar; the full name (which contains them) for screen readers and voice control. */}
        <button
          type="button"
          className="parent-call__control"
          aria-label={media.videoOff ? 'Turn camera on' : 'Turn camera off'}
          disabled={!media.stream}
          onClick={() => controller.toggleVideo()}
        >
          {media.videoOff ? 'Camera on' : 'Camera off'}
        </button>
        {media.cameraCount > 1 ? (
          <button type="button" className="parent-call__control" disabled={!media.stream || media.switching} onClick={() => void controller.switchCamera()}>
            Switch camera
          </button>
        ) : null}
        <button type="button" className="parent-call__control" aria-pressed={swapped} onClick={() => setSwapped(!swapped)}>
          Swap views
        </button>
        <details className="parent-call__more">
          <summary className="parent-call__control" aria-label="Video quality">
            Quality
          </summary>
          <div className="parent-call__more-body">
            <label className="nhsuk-label" htmlFor="parent-mode">
              Video quality
            </label>
            <select id="parent-mode" className="nhsuk-select" value={media.mode} onChange={(event) => controller.setMode(event.target.value as MediaMode)}>
              {MODE_OPTIONS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
        </details>
        <button type="button" className="parent-call__control parent-call__control--end" onClick={() => setConfirmingEnd(true)}>
          {endWords}
        </button>
      </div>
      {/* A sheet over the whole call, controls included: outside the prompt slot, whose stacking it would share. */}
      <PhotoRequest controller={controller} session={session} />
      {confirmingEnd ? (
        <ConfirmDialog
          title={guest ? 'Leave the video call?' : 'End the video call?'}
          confirmLabel={guest ? 'Yes, leave the call' : 'Yes, end the call'}
          cancelLabel="No, stay in the call"
          onConfirm={() => {
            setConfirmingEnd(false);
            void leaveCall();
          }}
          onCancel={() => setConfirmingEnd(false)}
        >
          <p>{guest ? 'The call carries on without you.' : 'You can rejoin without a new link while the nurse is still on the call.'}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

function waitingWords(me: Participant | null, session: JoinSession): string {
  if (me?.reason === 'clinician_away') return 'The nurse has dropped out of the call. You will be let back in when they return.';
  const about = session.childAgeMonths === null ? session.childFirstName : `${session.childFirstName}, ${formatAge(session.childAgeMonths)}`;
  return `${session.clinicianName ?? 'The nurse'} will let you in shortly. The call is about ${about}.`;
}
