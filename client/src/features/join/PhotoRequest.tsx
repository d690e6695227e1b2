import type { AskUpdate, JoinSession, ParentAsk } from '@desk/shared';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useStore } from 'zustand';
import { getSocket } from '../../lib/socket';
import { joinReaders } from './eventReaders';
import type { CallController } from '../call/controller';
import { useMessages } from '../i18n/locale';
import { photoFailureText } from './joinText';
import { PhotoUploadError, takeStill, uploadPhoto, type UploadFailure } from './photoCapture';
import './photo-request.scss';

/**
 * The nurse's "Ask for a photo" on the parent's phone: what the nurse wants, a live preview of
 * exactly what the photo will show, "Take photo", the still itself, then "Send photo", "Take again"
 * or "Don't send". Sending is the parent's consent. Afterwards the phone keeps nothing: the Blob
 * is dropped and its object URL revoked.
 */

/** The nurse's photo ask (an ask of kind `photo` from the desk's asks). */
type PhotoAsk = ParentAsk & { request: { kind: 'photo'; subject?: string } };

type Step =
  | { name: 'idle' }
  | { name: 'asked'; request: PhotoAsk }
  | { name: 'taking'; request: PhotoAsk }
  | { name: 'taken'; request: PhotoAsk; blob: Blob }
  | { name: 'sending'; request: PhotoAsk; blob: Blob; progress: number }
  | { name: 'failed'; request: PhotoAsk; blob: Blob; failure: UploadFailure }
  | { name: 'done'; outcome: 'sent' | 'declined' };

const isPhotoAsk = (ask: ParentAsk | null): ask is PhotoAsk => ask?.request.kind === 'photo';

/** The step after the call's current ask changed (pushed, or read again after a reconnect). */
function nextStep(current: Step, update: AskUpdate): Step {
  const { ask } = update;
  const currentId = 'request' in current ? current.request.id : null;
  // A new open photo ask starts afresh; the one in hand carries on.
  if (isPhotoAsk(ask) && ask.state === 'open') return currentId === ask.id ? current : { name: 'asked', request: ask };
  // Closed, replaced by another ask, or answered from another tab: this one is over (a send in flight finishes first).
  if (currentId !== null && current.name !== 'sending') return { name: 'idle' };
  return current;
}

export function PhotoRequest({ controller, session }: { controller: CallController; session: JoinSession }) {
  const m = useMessages();
  const words = m.photo;
  const [step, setStep] = useState<Step>({ name: 'idle' });
  const preview = useRef<HTMLVideoElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const media = useStore(controller.media.store);
  const parent = session.role === 'parent';

  useEffect(() => {
    if (!parent) return;
    const socket = getSocket('parent', joinReaders);
    const apply = (update: AskUpdate) => {
      if (update.callId === session.callId) setStep((current) => nextStep(current, update));
    };
    const offAsk = socket.on('ask', apply);
    // The ask still waiting, now and after every reconnect (a reload, a change of network).
    const offConnection = socket.onStatus((connection) => {
      if (connection === 'connected') socket.request('ask:watch', { callId: session.callId }).then(apply, () => undefined);
    });
    return () => {
      offAsk();
      offConnection();
    };
  }, [parent, session.callId]);

  // Open: the screen reader and the keyboard start at the heading, as the screen now shows only this.
  const openId = 'request' in step ? step.request.id : null;
  useEffect(() => {
    if (openId) heading.current?.focus();
  }, [openId]);

  if (!parent || step.name === 'idle') return null;
  if (step.name === 'done') {
    return (
      <p className="parent-note photo-request__done" role="status">
        {step.outcome === 'sent' ? words.sent : words.declined}
      </p>
    );
  }

  const { request } = step;
  const blob = 'blob' in step ? step.blob : null;
  const videoTrack = media.stream?.getVideoTracks()[0] ?? null;
  const cameraReady = videoTrack !== null && videoTrack.readyState !== 'ended' && !media.videoOff && media.mode !== 'audio';

  const take = async () => {
    const video = preview.current;
    if (!video) return;
    setStep({ name: 'taking', request });
    try {
      const still = await takeStill(video, videoTrack);
      setStep({ name: 'taken', request, blob: still.blob });
    } catch {
      setStep({ name: 'asked', request });
    }
  };

  const decline = async () => {
    setStep({ name: 'done', outcome: 'declined' });
    try {
      await getSocket('parent', joinReaders).request('ask:answer', { callId: session.callId, askId: request.id, answer: 'declined' });
    } catch {
      // The nurse's screen says so if it did not arrive; nothing more the parent can do here.
    }
  };

  const send = async (photo: Blob) => {
    setStep({ name: 'sending', request, blob: photo, progress: 0 });
    try {
      await uploadPhoto(request.id, photo, (progress) => setStep((s) => (s.name === 'sending' ? { ...s, progress } : s)));
      setStep({ name: 'done', outcome: 'sent' });
    } catch (error) {
      const failure = error instanceof PhotoUploadError ? error.failure : { code: 'INTERNAL' };
      setStep({ name: 'failed', request, blob: photo, failure });
    }
  };

  return (
    <div className="photo-request" role="dialog" aria-modal="true" aria-labelledby="photo-request-heading" data-testid="photo-request" data-step={step.name}>
      <h2 id="photo-request-heading" className="photo-request__heading" ref={heading} tabIndex={-1}>
        {words.heading}
      </h2>
      {request.request.subject ? (
        // The nurse's own words for what to photograph, as typed on the desk.
        <p className="photo-request__subject">
          {words.of} <strong>{request.request.subject}</strong>
        </p>
      ) : (
        <p className="photo-request__subject">{words.general}</p>
      )}
      <p className="photo-request__rule">{words.rule}</p>
      {blob ? (
        <StillPhoto blob={blob} label={words.still} />
      ) : (
        <>
          <p className="photo-request__hint">{words.willShow}</p>
          <LivePreview stream={media.stream} videoRef={preview} label={words.preview} />
          {!cameraReady && <p className="parent-note">{words.cameraOff}</p>}
        </>
      )}
      {step.name === 'sending' && (
        <div className="photo-request__progress">
          <label htmlFor="photo-progress">{words.sending}</label>
          <progress id="photo-progress" max={1} value={step.progress}>
            {Math.round(step.progress * 100)}%
          </progress>
        </div>
      )}
      {step.name === 'failed' && (
        <p className="photo-request__error" role="alert">
          {photoFailureText(m, step.failure.code)}
        </p>
      )}
      <div className="photo-request__actions">
        {step.name === 'asked' || step.name === 'taking' ? (
          <button type="button" className="nhsuk-button parent-button" disabled={!cameraReady || step.name === 'taking'} onClick={() => void take()}>
            {words.take}
          </button>
        ) : null}
        {step.name === 'asked' && media.cameraCount > 1 ? (
          <button type="button" className="nhsuk-button nhsuk-button--secondary parent-button" disabled={media.switching} onClick={() => void controller.switchCamera()}>
            {words.otherCamera}
          </button>
        ) : null}
        {blob && step.name !== 'sending' ? (
          <>
            <button type="button" className="nhsuk-button parent-button" onClick={() => void send(blob)}>
              {words.send}
            </button>
            <button type="button" className="nhsuk-button nhsuk-button--secondary parent-button" onClick={() => setStep({ name: 'asked', request })}>
              {words.again}
            </button>
          </>
        ) : null}
        {step.name !== 'sending' ? (
          <button type="button" className="nhsuk-button nhsuk-button--secondary parent-button" onClick={() => void decline()}>
            {words.dontSend}
          </button>
        ) : null}
      </div>
    </div>
  );
}

/** The live preview the photo is taken from; not mirrored, so it shows what the photo will. */
function LivePreview({ stream, videoRef, label }: { stream: MediaStream | null; videoRef: RefObject<HTMLVideoElement | null>; label: string }) {
  useEffect(() => {
    const element = videoRef.current;
    if (!element) return;
    element.srcObject = stream;
    if (stream) element.play().catch(() => undefined);
  }, [stream, videoRef]);
  return <video ref={videoRef} className="photo-request__preview" data-testid="photo-preview" autoPlay playsInline muted aria-label={label} />;
}

/** The still as it will be sent; its object URL lives only while it is shown. */
function StillPhoto({ blob, label }: { blob: Blob; label: string }) {
  const image = useRef<HTMLImageElement>(null);
  useEffect(() => {
    const element = image.current;
    if (!element) return;
    const objectUrl = URL.createObjectURL(blob);
    element.src = objectUrl;
    return () => {
      element.removeAttribute('src');
      URL.revokeObjectURL(objectUrl);
    };
  }, [blob]);
  return <img ref={image} className="photo-request__still" alt={label} data-testid="photo-still" />;
}
