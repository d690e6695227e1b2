import { useEffect, useRef, useState } from 'react';
import { useLocaleStore } from '../i18n/locale';
import './video-tile.scss';

type VideoTileProps = {
  stream: MediaStream | null;
  /** Own preview: muted (no echo of yourself) and, for a front camera, mirrored like a mirror. */
  isLocal: boolean;
  mirrored?: boolean;
  label: string;
  className?: string;
  /** Said over the picture, e.g. "The parent turned their camera off", so black is not mistaken for broken. */
  notice?: string | null;
  /** Remote tiles: whose picture (`data-role`), for tests and styling. */
  role?: string;
  /** No new frames: the last one is dimmed and marked "Video paused – not live" (a frozen child can look settled). */
  paused?: boolean;
};

/**
 * One `<video>`. `srcObject` cannot be set from JSX, so an effect attaches the stream; the element
 * stays mounted while the stream changes so the layout does not jump.
 */
export function VideoTile({ stream, isLocal, mirrored = false, label, className, notice, role, paused = false }: VideoTileProps) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [playBlocked, setPlayBlocked] = useState(false);
  // The parent's page has a locale loaded and says these in the parent's language; the desk has none and stays English.
  const pausedWords = useLocaleStore((state) => state.locale?.messages.peer.quality.paused) ?? DESK_WORDS.paused;
  const tapToPlay = useLocaleStore((state) => state.locale?.messages.call.tapToPlay) ?? DESK_WORDS.tapToPlay;

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    if (video.srcObject !== stream) video.srcObject = stream;
    if (!stream) return;
    // Autoplay with sound can be refused when the page has had no tap yet (a reload): offer one.
    const playing = tryPlay(video);
    let cancelled = false;
    playing.then((ok) => {
      if (!cancelled) setPlayBlocked(!ok);
    });
    return () => {
      cancelled = true;
    };
  }, [stream]);

  const classes = ['video-tile', isLocal ? 'video-tile--local' : 'video-tile--remote', paused ? 'video-tile--paused' : null, className]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={classes}>
      <video
        ref={videoRef}
        data-testid={isLocal ? 'local-video' : 'remote-video'}
        className={mirrored ? 'video-tile__video video-tile__video--mirrored' : 'video-tile__video'}
        autoPlay
        playsInline
        muted={isLocal}
        aria-label={label}
        data-role={role}
      />
      {paused ? (
        <p className="video-tile__paused" role="status">
          {pausedWords}
        </p>
      ) : null}
      {notice ? (
        <p className="video-tile__notice" role="status">
          {notice}
        </p>
      ) : null}
      {playBlocked && (
        <button
          type="button"
          className="nhsuk-button video-tile__play"
          onClick={() => {
            const video = videoRef.current;
            if (video) void tryPlay(video).then((ok) => setPlayBlocked(!ok));
          }}
        >
          {tapToPlay}
        </button>
      )}
    </div>
  );
}

const DESK_WORDS = { paused: 'Video paused – not live', tapToPlay: 'Tap to start the video and sound' };

async function tryPlay(video: HTMLVideoElement): Promise<boolean> {
  try {
    // jsdom and some old browsers return undefined instead of a promise.
    await (video.play() as Promise<void> | undefined);
    return true;
  } catch (error) {
    // Only a policy refusal needs a tap; an AbortError means a newer stream replaced this one.
    return !(error instanceof DOMException && error.name === 'NotAllowedError');
  }
}
