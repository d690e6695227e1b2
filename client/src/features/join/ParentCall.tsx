import { formatAge, IN_CALL_STATES, isGuestRole, isInMedia, type CallUpdate, type JoinSession, type MediaMode, type Participant } from '@desk/shared';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { CallController } from '../call/controller';
import { useElapsed } from '../call/hooks';
import { CALL_STALLED_CHOICE_MS } from '../call/labels';
import { MediaControls } from '../call/MediaControls';
import { PeerTile } from '../call/PeerTile';
import type { SlotView } from '../call/peerManager';
import { useMessages } from '../i18n/locale';
import type { Messages } from '../i18n/types';
import { VideoTile } from '../video/VideoTile';
import { AskPrompt } from './AskPrompt';
import { PreCallCheck } from './PreCallCheck';
import { resumeVideos, useForeground, useSecondsSince, useWakeLock, waitedWords } from './callScreen';
import { WithValue } from '../i18n/WithValue';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ExpiredScreen, OutdatedScreen, ScreenHeading } from './JoinScreens';
import { errorText } from './joinText';
import { leaveCall, rejoin, takeCallHere } from './joinFlow';
import { PhotoRequest } from './PhotoRequest';

/*
 * Every word the parent reads comes from the locale. A guest's (paediatrician's, interpreter's)
 * page is always English, opened so by the server: the few sentences only a guest ever sees stay
 * English inline here, out of the parent's locale modules.
 */

/** What the parent (or a guest) reads about the call, in plain words. */
export function parentCallLabel(words: Messages['call'], update: CallUpdate | null, clinicianName: string | null): string {
  if (!update) return words.connectingServer;
  switch (update.snapshot.state) {
    case 'created':
    case 'invited':
    case 'parent_waiting':
      return words.letInShortly;
    case 'admitted':
    case 'connecting':
      return words.connectingNurse;
    case 'connected':
      return words.connectedWith(clinicianName ?? words.theNurseLower);
    case 'reconnecting':
      return words.reconnecting;
    case 'ended':
      return words.hasEnded;
    case 'failed':
      return words.notWorking;
  }
}

/** Why a guest is in the call, told to the parent in plain words. */
function guestJoinedWords(words: Messages['call'], guest: Participant): string {
  return guest.role === 'interpreter' ? words.interpreterJoined(guest.name) : words.doctorJoined(guest.name);
}

const modeOptions = (words: Messages['call']): { value: MediaMode; label: string }[] => [
  { value: 'full', label: words.modeFull },
  { value: 'low', label: words.modeLow },
  { value: 'audio', label: words.modeAudio },
];

export function ParentCall({ controller, session }: { controller: CallController; session: JoinSession }) {
  const m = useMessages();
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
        <ScreenHeading attributes={attributes}>{m.ended.heading}</ScreenHeading>
        <p>{reason === 'phone_fallback' ? m.common.nurseCallsBack : m.ended.body}</p>
        <p>{m.common.closePage}</p>
      </>
    );
  }
  if (me?.state === 'removed') {
    // Only a guest is removed: English inline (see the top of this file).
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
        <ScreenHeading attributes={attributes}>{m.ended.leftHeading}</ScreenHeading>
        {me.reason === 'phone_fallback' ? (
          <p>{m.common.nurseCallsBack}</p>
        ) : (
          <p>{guest ? GUEST_CARRIES_ON : m.common.stayNurseHelps}</p>
        )}
        <button type="button" className="nhsuk-button parent-button" onClick={() => void rejoin()}>
          {m.ended.rejoin}
        </button>
      </>
    );
  }
  if (view.movedAway) {
    return (
      <>
        <ScreenHeading attributes={attributes}>{m.ended.movedHeading}</ScreenHeading>
        <p>{m.ended.movedBody}</p>
        <button type="button" className="nhsuk-button parent-button" onClick={() => void takeCallHere()}>
          {m.ended.useThisTab}
        </button>
      </>
    );
  }
  // A newer link was sent and expired unused: this page's link is dead too; only a new one helps.
  if (!guest && state === 'failed' && reason === 'link_expired') return <ExpiredScreen />;
  if (!guest && state === 'failed') {
    return (
      <>
        <ScreenHeading attributes={attributes}>{m.call.notWorking}</ScreenHeading>
        <p>{m.ended.failedBody}</p>
        {reason === 'ice_failed' || reason === 'timeout' ? <p>{m.ended.weakSignal}</p> : null}
        <button type="button" className="nhsuk-button parent-button" onClick={() => void rejoin()}>
          {m.ended.tryVideoAgain}
        </button>
      </>
    );
  }

  const inMedia = me !== null && isInMedia(me) && (guest || (state !== null && IN_CALL_STATES.has(state)));
  const reconnecting = clinicianSlot?.peerState === 'reconnecting';
  const status = guest && !inMedia ? guestWaitingWords(me, session) : reconnecting ? m.call.reconnecting : parentCallLabel(m.call, update, session.clinicianName);
  // Only a connection that was up can drop: before the first one the page is simply still connecting.
  const signalLost = view.everConnected && view.connection !== 'connected' && !reconnecting;
  const statusLine = (
    <p className="parent-status" role="status" {...attributes}>
      {status}
    </p>
  );
  const notes = (
    <>
      {reconnecting ? <p className="parent-note">{m.call.videoStopped}</p> : null}
      {signalLost ? <p className="parent-note">{m.call.signalLost}</p> : null}
      {/* From the refusal's code: the server's English message never reaches the parent. */}
      {view.requestError && (
        <p className="parent-note" role="alert">
          {errorText(m.errors, view.requestError.code)}
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
  const m = useMessages();
  const media = useStore(controller.media.store);
  const connection = useStore(controller.session.store, (view) => view.connection);
  const [confirming, setConfirming] = useState(false);
  const guest = isGuestRole(session.role);
  // The server's time the wait began (a reload keeps counting); the page's own clock only until it says.
  const since = me?.state === 'waiting' ? (me.waitingSince ? Date.parse(me.waitingSince) : stateSince) : null;
  const waited = useSecondsSince(since);
  return (
    <div className="parent-waiting">
      <h1 className="nhsuk-heading-l">{guest ? 'Waiting to join the video call' : m.waiting.heading}</h1>
      {statusLine}
      {waited !== null ? (
        <p className="parent-waited" data-testid="waited">
          <WithValue sentence={m.waiting.waited} value={<span role="timer">{waitedWords(m.waiting, waited)}</span>} />
        </p>
      ) : null}
      {notes}
      {guest ? null : (
        <section className="parent-prepare" aria-labelledby="parent-prepare-title">
          <h2 id="parent-prepare-title" className="nhsuk-heading-s">
            {m.waiting.prepareHeading}
          </h2>
          <ul className="nhsuk-list nhsuk-list--bullet">
            <li>{m.waiting.light}</li>
            <li>{m.waiting.clothes}</li>
            <li>{m.waiting.glass}</li>
          </ul>
        </section>
      )}
      <p>{m.waiting.thisIsYou}</p>
      <div className="parent-stage parent-stage--waiting">
        <VideoTile stream={media.stream} isLocal mirrored={media.facing === 'user'} label={m.call.yourCamera} />
      </div>
      <MediaControls controller={controller} modes={modeOptions(m.call)} modeId="parent-mode" buttonsClassName="parent-controls" modeClassName="parent-mode" switchCamera words={m.call} />
      <PreCallCheck stream={media.stream} connected={connection === 'connected'} soundOnly={media.mode === 'audio' && !media.stream?.getVideoTracks().length} />
      <div className="parent-leave">
        <button type="button" className="nhsuk-button nhsuk-button--secondary parent-leave__button" onClick={() => setConfirming(true)}>
          {m.waiting.leave}
        </button>
      </div>
      {confirming ? (
        <ConfirmDialog
          title={m.waiting.leaveTitle}
          confirmLabel={m.waiting.leaveYes}
          cancelLabel={m.waiting.leaveNo}
          onConfirm={() => {
            setConfirming(false);
            void leaveCall();
          }}
          onCancel={() => setConfirming(false)}
        >
          <p>{m.waiting.leaveBody}</p>
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
  const m = useMessages();
  const words = m.call;
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
  const endWords = guest ? 'Leave call' : words.end;
  const modes = modeOptions(words);

  return (
    <div ref={screenRef} className={`parent-call${swapped ? ' parent-call--swapped' : ''}`} data-testid="parent-call">
      <h1 className="nhsuk-u-visually-hidden">{words.heading}</h1>
      <div className={`parent-call__remote parent-call__remote--${Math.min(tiles.length, 3)}`}>
        {tiles.map((slot) => (
          <PeerTile key={slot.participantId} slot={slot} who={slot.role === 'clinician' ? words.theNurse : slot.name} words={m.peer} />
        ))}
      </div>
      <div className="parent-call__self">
        <VideoTile stream={media.stream} isLocal mirrored={media.facing === 'user'} label={words.yourCamera} />
        {/* A tap on the small picture swaps too; the "Swap views" button is the way for keyboards and screen readers. */}
        <button type="button" className="parent-call__self-tap" tabIndex={-1} aria-hidden="true" onClick={() => setSwapped(!swapped)} />
      </div>
      <div className="parent-call__top">
        {statusLine}
        {notes}
        {!guest && guests.length ? (
          <ul className="nhsuk-list parent-guests" aria-label={words.guestsLabel}>
            {guests.map((g) => (
              <li key={g.id}>{guestJoinedWords(words, g)}</li>
            ))}
          </ul>
        ) : null}
        {connected && !guest ? <p className="parent-call__hint">{words.hangUpHint}</p> : null}
        {media.switchError ? <p className="parent-note">{words.switchFailed}</p> : null}
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
            {words.tapToStart}
          </button>
        ) : null}
        {stalled ? (
          <div className="parent-card" data-testid="video-choice">
            <p>{words.stalled}</p>
            <div className="parent-card__actions">
              <button type="button" className="nhsuk-button" onClick={() => void controller.keepTrying()}>
                {words.keepTrying}
              </button>
              <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => void leaveCall('phone_fallback')}>
                {words.continueByPhone}
              </button>
            </div>
          </div>
        ) : null}
      </div>
      <div className="parent-call__controls" role="group" aria-label={words.controls}>
        <button type="button" className="parent-call__control" aria-pressed={media.audioMuted} disabled={!media.stream} onClick={() => controller.toggleAudio()}>
          {media.audioMuted ? words.unmute : words.mute}
        </button>
        {/* Short words on a narrow bar; the full name (which contains them) for screen readers and voice control. */}
        <button
          type="button"
          className="parent-call__control"
          aria-label={media.videoOff ? words.turnCameraOn : words.turnCameraOff}
          disabled={!media.stream}
          onClick={() => controller.toggleVideo()}
        >
          {media.videoOff ? words.cameraOn : words.cameraOff}
        </button>
        {media.cameraCount > 1 ? (
          <button type="button" className="parent-call__control" disabled={!media.stream || media.switching} onClick={() => void controller.switchCamera()}>
            {words.switchCamera}
          </button>
        ) : null}
        <button type="button" className="parent-call__control" aria-pressed={swapped} onClick={() => setSwapped(!swapped)}>
          {words.swapViews}
        </button>
        <details className="parent-call__more">
          <summary className="parent-call__control" aria-label={words.videoQuality}>
            {words.quality}
          </summary>
          <div className="parent-call__more-body">
            <label className="nhsuk-label" htmlFor="parent-mode">
              {words.videoQuality}
            </label>
            <select id="parent-mode" className="nhsuk-select" value={media.mode} onChange={(event) => controller.setMode(event.target.value as MediaMode)}>
              {modes.map((option) => (
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
          title={guest ? 'Leave the video call?' : words.endTitle}
          confirmLabel={guest ? 'Yes, leave the call' : words.endYes}
          cancelLabel={words.stay}
          onConfirm={() => {
            setConfirmingEnd(false);
            void leaveCall();
          }}
          onCancel={() => setConfirmingEnd(false)}
        >
          <p>{guest ? GUEST_CARRIES_ON : words.endBody}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

/** A guest's own words (English: see the top of this file). */
const GUEST_CARRIES_ON = 'The call carries on without you.';

/** A guest waits to be let in after the parent: English, like the rest of a guest's page. */
function guestWaitingWords(me: Participant | null, session: JoinSession): string {
  if (me?.reason === 'clinician_away') return 'The nurse has dropped out of the call. You will be let back in when they return.';
  const about = session.childAgeMonths === null ? session.childFirstName : `${session.childFirstName}, ${formatAge(session.childAgeMonths)}`;
  return `${session.clinicianName ?? 'The nurse'} will let you in shortly. The call is about ${about}.`;
}
