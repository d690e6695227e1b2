import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { deskPrefs, nextCorner, SELF_VIEW_CORNER_WORDS, setPref } from '../desk/prefs';
import { VideoTile } from '../video/VideoTile';
import { PeerTile } from './PeerTile';
import type { SlotView } from './peerManager';

type Props = { remoteSlots: SlotView[]; localStream: MediaStream | null };

function fullscreenSupported(): boolean {
  return typeof document !== 'undefined' && document.fullscreenEnabled === true;
}

function pipSupported(): boolean {
  return typeof document !== 'undefined' && document.pictureInPictureEnabled === true;
}

/** Follows the browser's own full-screen and picture-in-picture state (Escape and the PiP window's close change it too). */
function useViewerState(box: React.RefObject<HTMLDivElement | null>) {
  const [fullscreen, setFullscreen] = useState(false);
  const [pip, setPip] = useState(false);
  useEffect(() => {
    const onFullscreen = () => setFullscreen(document.fullscreenElement !== null && document.fullscreenElement === box.current);
    const onPip = () => setPip(Boolean(document.pictureInPictureElement));
    document.addEventListener('fullscreenchange', onFullscreen);
    const element = box.current;
    element?.addEventListener('enterpictureinpicture', onPip);
    element?.addEventListener('leavepictureinpicture', onPip);
    return () => {
      document.removeEventListener('fullscreenchange', onFullscreen);
      element?.removeEventListener('enterpictureinpicture', onPip);
      element?.removeEventListener('leavepictureinpicture', onPip);
    };
  }, [box]);
  return { fullscreen, pip, setPip };
}

/**
 * The pictures and what the clinician can do with them: a larger column, full screen, the child's
 * picture in its own always-on-top window (to keep it in sight while writing notes elsewhere), and
 * their own picture moved to another corner or hidden, so it never sits over the rash being judged.
 */
export function VideoStage({ remoteSlots, localStream }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const { selfView, selfViewHidden, videoLarge } = useStore(deskPrefs);
  const { fullscreen, pip, setPip } = useViewerState(box);
  const [problem, setProblem] = useState<string | null>(null);
  const count = Math.min(remoteSlots.length, 3);
  const main = remoteSlots[0] ?? null;
  const mainId = main?.participantId ?? null;
  // The call has begun: if the column's foot (Mute, End call) is below the window because the page
  // is still at its top, bring the whole column into view once, so the call's controls are on screen.
  useEffect(() => {
    if (!mainId) return;
    const column = box.current?.closest('.desk-case__call');
    if (!column || getComputedStyle(column).position !== 'sticky') return;
    const { top, bottom } = column.getBoundingClientRect();
    const short = bottom - window.innerHeight;
    if (short > 0 && top > 0) window.scrollBy({ top: Math.min(short, top), behavior: 'auto' });
  }, [mainId]);

  const toggleFullscreen = async () => {
    setProblem(null);
    try {
      if (document.fullscreenElement) {
        await document.exitFullscreen();
        return;
      }
      // A popped-out picture would leave the full screen black: bring it back first.
      if (document.pictureInPictureElement) {
        await document.exitPictureInPicture();
        setPip(false);
      }
      await box.current?.requestFullscreen();
    } catch {
      setProblem('This browser would not show the video full screen.');
    }
  };
  const togglePip = async () => {
    setProblem(null);
    try {
      if (document.pictureInPictureElement) {
        await document.exitPictureInPicture();
        setPip(false);
        return;
      }
      const video = box.current?.querySelector<HTMLVideoElement>('video[data-testid="remote-video"]');
      if (!video) return;
      await video.requestPictureInPicture();
      setPip(true);
    } catch {
      setProblem('This browser would not pop the video out.');
    }
  };

  const classes = [
    'call-panel__videos',
    `call-panel__videos--${count}`,
    `call-panel__videos--self-${selfView}`,
    selfViewHidden ? 'call-panel__videos--self-hidden' : null,
    fullscreen ? 'call-panel__videos--fullscreen' : null,
  ];
  return (
    <div className={['call-panel__stage-video', videoLarge ? 'call-panel__stage-video--large' : null].filter(Boolean).join(' ')} data-testid="video-stage" data-large={videoLarge}>
      <div ref={box} className={classes.filter(Boolean).join(' ')}>
        {remoteSlots.map((slot) => (
          <PeerTile key={slot.participantId} slot={slot} who={slot.role === 'parent' ? 'The parent' : slot.name} showFigures className="call-panel__remote" />
        ))}
        <VideoTile stream={localStream} isLocal mirrored label="Your camera" className="call-panel__local" />
        {fullscreen ? (
          <button type="button" className="nhsuk-button nhsuk-button--reverse call-panel__exit-fullscreen" onClick={() => void toggleFullscreen()}>
            Exit full screen
          </button>
        ) : null}
      </div>
      {main ? (
        <div className="call-panel__view-controls" role="group" aria-label="Video view">
          <button type="button" className="call-panel__view-button" aria-pressed={videoLarge} onClick={() => setPref('videoLarge', !videoLarge)}>
            {videoLarge ? 'Smaller video' : 'Enlarge video'}
          </button>
          {fullscreenSupported() ? (
            <button type="button" className="call-panel__view-button" onClick={() => void toggleFullscreen()}>
              Full screen
            </button>
          ) : null}
          {pipSupported() ? (
            <button type="button" className="call-panel__view-button" aria-pressed={pip} onClick={() => void togglePip()}>
              {pip ? 'Bring the video back' : 'Pop out'}
            </button>
          ) : null}
          {!selfViewHidden ? (
            <button type="button" className="call-panel__view-button" aria-describedby="self-view-where" onClick={() => setPref('selfView', nextCorner(selfView))}>
              Move your picture
            </button>
          ) : null}
          <button type="button" className="call-panel__view-button" aria-pressed={selfViewHidden} onClick={() => setPref('selfViewHidden', !selfViewHidden)}>
            {selfViewHidden ? 'Show your picture' : 'Hide your picture'}
          </button>
          <span id="self-view-where" className="nhsuk-u-visually-hidden">
            {selfViewHidden ? 'Your picture is hidden' : `Your picture: ${SELF_VIEW_CORNER_WORDS[selfView]}`}
          </span>
        </div>
      ) : null}
      {problem ? (
        <p className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error: </span>
          {problem}
        </p>
      ) : null}
    </div>
  );
}
