import { formatAge, IN_CALL_STATES, isGuestRole, isInMedia, type CallUpdate, type JoinSession, type MediaMode, type Participant } from '@desk/shared';
import { useStore } from 'zustand';
import type { CallController } from '../call/controller';
import { useElapsed } from '../call/hooks';
import { CALL_STALLED_CHOICE_MS } from '../call/labels';
import { MediaControls } from '../call/MediaControls';
import { PeerTile } from '../call/PeerTile';
import { VideoTile } from '../video/VideoTile';
import { AskPrompt } from './AskPrompt';
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
  const media = useStore(controller.media.store);
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
  const guests = update?.participants.filter((p) => isGuestRole(p.role) && isInMedia(p) && p.id !== session.participantId) ?? [];
  const tiles = Object.values(slots).sort((a, b) => (a.role === 'clinician' ? -1 : b.role === 'clinician' ? 1 : 0));

  return (
    <>
      <h1 className="nhsuk-u-visually-hidden">Video call</h1>
      <PhotoRequest controller={controller} session={session} />
      <p className="parent-status" role="status" {...attributes}>
        {status}
      </p>
      {reconnecting ? <p className="parent-note">The video stopped. Trying to connect again…</p> : null}
      {view.connection !== 'connected' && !reconnecting && view.known ? <p className="parent-note">Your signal dropped. Trying to connect again…</p> : null}
      {!inMedia && <p>Stay on the phone call for now. This is you:</p>}
      {!guest && guests.length ? (
        <ul className="nhsuk-list parent-guests" aria-label="Who else is in the call">
          {guests.map((g) => (
            <li key={g.id}>{guestJoinedWords(g)}</li>
          ))}
        </ul>
      ) : null}
      {stalled && inMedia ? (
        <div className="nhsuk-inset-text" data-testid="video-choice">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>The video has not worked for 30 seconds.</p>
          <div className="parent-controls">
            <button type="button" className="nhsuk-button" onClick={() => void controller.keepTrying()}>
              Keep trying
            </button>
            <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => void leaveCall('phone_fallback')}>
              Continue by phone
            </button>
          </div>
        </div>
      ) : null}
      <AskPrompt controller={controller} session={session} />
      <div className={inMedia ? `parent-stage parent-stage--${Math.min(tiles.length, 3)}` : 'parent-stage parent-stage--waiting'}>
        {inMedia
          ? tiles.map((slot) => <PeerTile key={slot.participantId} slot={slot} who={slot.role === 'clinician' ? 'The nurse' : slot.name} />)
          : null}
        <VideoTile stream={media.stream} isLocal mirrored={media.facing === 'user'} label="Your camera" />
      </div>
      {state === 'connected' && !guest && <p>The nurse may ask you to hang up the phone call. You will still hear each other on the video.</p>}
      {view.requestError && (
        <p className="parent-note" role="alert">
          {view.requestError.message}
        </p>
      )}
      <MediaControls
        controller={controller}
        modes={MODE_OPTIONS}
        modeId="parent-mode"
        buttonsClassName="parent-controls"
        modeClassName="parent-mode"
        switchCamera
      />
      {media.switchError && <p className="parent-note">{media.switchError}</p>}
      <div className="parent-end">
        <button type="button" className="nhsuk-button nhsuk-button--warning parent-button" onClick={() => void leaveCall()}>
          {guest ? 'Leave call' : 'End call'}
        </button>
      </div>
    </>
  );
}

function waitingWords(me: Participant | null, session: JoinSession): string {
  if (me?.reason === 'clinician_away') return 'The nurse has dropped out of the call. You will be let back in when they return.';
  const about = session.childAgeMonths === null ? session.childFirstName : `${session.childFirstName}, ${formatAge(session.childAgeMonths)}`;
  return `${session.clinicianName ?? 'The nurse'} will let you in shortly. The call is about ${about}.`;
}
