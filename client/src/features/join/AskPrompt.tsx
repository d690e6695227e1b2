import { IN_CALL_STATES, isInMedia, type JoinSession, type ParentAsk } from '@desk/shared';
import { useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { getSocket } from '../../lib/socket';
import { joinReaders } from './eventReaders';
import type { Asks } from '../call/asks';
import { AskTimer } from '../call/AskTimer';
import type { CallSocket } from '../call/channel';
import type { CallController } from '../call/controller';
import { useAsks } from '../call/useAsks';
import { useMessages } from '../i18n/locale';
import { BACK_CAMERA_DRAWING, examGuide } from './examGuides';
import { hasTorch, setTorch } from './torch';
import './ask-prompt.scss';

type Props = {
  controller: CallController;
  session: JoinSession;
  /** The page's socket (a fake in tests). */
  socket?: CallSocket;
};

/**
 * What the nurse asks of the parent during the call, and the torch. Only the parent is asked (never
 * a guest), and only while in the call's media. One line in ParentCall renders it.
 */
export function AskPrompt({ controller, session, socket }: Props) {
  const m = useMessages();
  const parent = session.role === 'parent';
  // The page's own socket (callLayer opened it): a guest's page must not open a parent's.
  const { asks, view } = useAsks(socket ?? getSocket(parent ? 'parent' : 'guest', joinReaders), parent ? session.callId : null);
  const call = useStore(controller.session.store, (state) => state.update);
  const me = call?.participants.find((p) => p.id === session.participantId) ?? null;
  const inCall = parent && me !== null && isInMedia(me) && call !== null && IN_CALL_STATES.has(call.snapshot.state);
  if (!inCall) return null;
  return (
    <>
      {view.ask && asks ? <AskCard ask={view.ask} asks={asks} controller={controller} clockOffsetMs={view.clockOffsetMs} busy={view.busy} /> : null}
      {/* The answer did not go through: said plainly in the parent's language, not with the server's English reason. */}
      {view.error ? (
        <p className="parent-note" role="alert">
          {m.ask.failed}
        </p>
      ) : null}
      <TorchButton controller={controller} />
    </>
  );
}

function AskCard({ ask, asks, controller, clockOffsetMs, busy }: { ask: ParentAsk; asks: Asks; controller: CallController; clockOffsetMs: number; busy: boolean }) {
  const m = useMessages();
  const { request } = ask;
  // Declined: nothing more to show the parent. An accepted camera ask is done once the camera has switched.
  if (ask.state === 'declined' || ask.state === 'closed') return null;
  if (request.kind === 'back_camera') {
    if (ask.state !== 'open') return null;
    const accept = async () => {
      if (!(await asks.answer('accepted'))) return;
      // Reuses the phone's camera switch (replaceTrack, no renegotiation); already on the back camera: nothing to do.
      if (controller.media.store.getState().facing !== 'environment') await controller.switchCamera();
    };
    return (
      <Card headingId={`ask-${ask.id}`} heading={m.ask.backCameraHeading} drawing={BACK_CAMERA_DRAWING}>
        <p>{m.ask.backCameraBody}</p>
        <Answers busy={busy} acceptLabel={m.ask.switchToBack} onAccept={() => void accept()} onDecline={() => void asks.answer('declined')} />
      </Card>
    );
  }
  if (request.kind === 'exam') {
    const guide = examGuide(m.exam, request.exam);
    return (
      <Card headingId={`ask-${ask.id}`} heading={guide.title} drawing={guide.drawing}>
        <p>{guide.instruction}</p>
        {ask.state === 'open' ? (
          <Answers busy={busy} acceptLabel={guide.ready} onAccept={() => void asks.answer('accepted')} onDecline={() => void asks.answer('declined')} />
        ) : (
          <AskTimer timer={ask.timer} clockOffsetMs={clockOffsetMs} afterDone={guide.afterTime ? () => guide.afterTime! : undefined} words={m.ask} />
        )}
      </Card>
    );
  }
  // `photo`: its own screen comes with the photo feature.
  return null;
}

function Card({ headingId, heading, drawing, children }: { headingId: string; heading: string; drawing: ReactNode; children: ReactNode }) {
  const m = useMessages();
  return (
    <section className="ask-card" aria-labelledby={headingId} data-testid="ask-card">
      <div className="ask-card__drawing">{drawing}</div>
      <div className="ask-card__body">
        <p className="ask-card__from">{m.ask.from}</p>
        <h2 id={headingId} className="ask-card__heading">
          {heading}
        </h2>
        {children}
      </div>
    </section>
  );
}

function Answers({ busy, acceptLabel, onAccept, onDecline }: { busy: boolean; acceptLabel: string; onAccept: () => void; onDecline: () => void }) {
  const m = useMessages();
  return (
    <div className="ask-card__answers">
      <button type="button" className="nhsuk-button" disabled={busy} onClick={onAccept}>
        {acceptLabel}
      </button>
      <button type="button" className="nhsuk-button nhsuk-button--secondary" disabled={busy} onClick={onDecline}>
        {m.ask.notNow}
      </button>
    </div>
  );
}

/** Torch on / off, shown only when the camera in use has one (a phone's back camera, mostly). */
function TorchButton({ controller }: { controller: CallController }) {
  const stream = useStore(controller.media.store, (state) => state.stream);
  const switching = useStore(controller.media.store, (state) => state.switching);
  const track = stream?.getVideoTracks()[0];
  if (switching || !hasTorch(track)) return null;
  // One toggle per camera track: a new track (the other camera) starts with its torch off.
  return <TorchToggle key={track.id} track={track} />;
}

function TorchToggle({ track }: { track: MediaStreamTrack }) {
  const m = useMessages();
  const [on, setOn] = useState(false);
  const [failed, setFailed] = useState(false);
  const toggle = async () => {
    const next = !on;
    const done = await setTorch(track, next);
    setFailed(!done);
    if (done) setOn(next);
  };
  return (
    <div className="ask-torch">
      <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => void toggle()}>
        {on ? m.ask.torchOff : m.ask.torchOn}
      </button>
      {failed ? <p className="parent-note">{on ? m.ask.torchFailedOff : m.ask.torchFailedOn}</p> : null}
    </div>
  );
}
