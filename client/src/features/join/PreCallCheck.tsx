import { useEffect, useState } from 'react';
import { useMessages } from '../i18n/locale';

/**
 * The pre-call check in the waiting room: can the nurse hear you (a live microphone level), and
 * can this phone reach NHS 111 (the call's connection). Each says in plain words what to do when
 * it fails. The camera check is the parent's own picture beside it.
 */

/** Silence this long after the microphone opened: the parent is told how to fix it. */
export const MIC_SILENT_MS = 6_000;
/** Not connected for this long: the parent is told to check signal (a first connection on 4G takes a moment). */
export const UNREACHABLE_MS = 8_000;
/** RMS level (0..1) above which the microphone is clearly picking something up. */
const HEARD_LEVEL = 0.02;

type AudioContextClass = typeof AudioContext;

function audioContextClass(): AudioContextClass | null {
  if (typeof window === 'undefined') return null;
  // Older Safari has only the prefixed one; some webviews have neither.
  const w = window as { AudioContext?: AudioContextClass; webkitAudioContext?: AudioContextClass };
  return w.AudioContext ?? w.webkitAudioContext ?? null;
}

type MicReading = { stream: MediaStream; level: number; heard: boolean };

/**
 * The microphone's level, 0..1, sampled about ten times a second, and whether it has yet picked
 * anything up; null where the browser cannot measure it.
 */
export function useMicLevel(stream: MediaStream | null): { level: number; heard: boolean } | null {
  const [reading, setReading] = useState<MicReading | null>(null);
  useEffect(() => {
    const Context = audioContextClass();
    const track = stream?.getAudioTracks()[0];
    if (!Context || !stream || !track) return;
    let context: AudioContext;
    try {
      context = new Context();
    } catch {
      return;
    }
    // iOS starts an AudioContext suspended unless a tap started it: the Join tap usually did.
    void context.resume().catch(() => undefined);
    const source = context.createMediaStreamSource(new MediaStream([track]));
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const timer = setInterval(() => {
      // A context the browser kept suspended (no tap started it) reads silence: no meter rather than a false "we cannot hear".
      if (context.state !== 'running') return;
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      const level = Math.min(1, Math.sqrt(sum / samples.length) * 4);
      setReading((previous) => ({ stream, level, heard: (previous?.stream === stream && previous.heard) || level >= HEARD_LEVEL }));
    }, 100);
    return () => {
      clearInterval(timer);
      source.disconnect();
      void context.close().catch(() => undefined);
    };
  }, [stream]);
  return reading && reading.stream === stream ? { level: reading.level, heard: reading.heard } : null;
}

/** `before` until `ms` have passed since it was mounted, then `after`: give it a key to start again. */
function AfterDelay({ ms, before, after }: { ms: number; before: string; after: string }) {
  const [late, setLate] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setLate(true), ms);
    return () => clearTimeout(timer);
  }, [ms]);
  return <>{late ? after : before}</>;
}

export function PreCallCheck({
  stream,
  connected,
  soundOnly,
}: {
  stream: MediaStream | null;
  /** The call's connection to the server is up. */
  connected: boolean;
  /** Joined with sound only: no camera to check. */
  soundOnly: boolean;
}) {
  const mic = useMicLevel(stream);
  const words = useMessages().check;

  return (
    <section className="parent-check" aria-labelledby="parent-check-title" data-testid="pre-call-check">
      <h2 id="parent-check-title" className="nhsuk-heading-s">
        {words.heading}
      </h2>
      <ul className="nhsuk-list parent-check__list">
        {mic ? (
          <li>
            <label htmlFor="parent-mic-level">{words.microphone}</label>{' '}
            <meter id="parent-mic-level" className="parent-check__meter" min={0} max={1} low={HEARD_LEVEL} value={mic.level} />{' '}
            <span data-testid="mic-check" data-ok={mic.heard ? 'true' : 'false'}>
              {mic.heard ? (
                words.heard
              ) : (
                <AfterDelay key={stream?.id} ms={MIC_SILENT_MS} before={words.saySomething} after={words.silent} />
              )}
            </span>
          </li>
        ) : null}
        {soundOnly ? (
          <li>{words.noCamera}</li>
        ) : (
          <li>{words.camera}</li>
        )}
        <li data-testid="server-check" data-ok={connected ? 'true' : 'false'}>
          {connected ? (
            words.connected
          ) : (
            <AfterDelay ms={UNREACHABLE_MS} before={words.connecting} after={words.unreachable} />
          )}
        </li>
      </ul>
    </section>
  );
}
