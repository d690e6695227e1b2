import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { deskPrefs } from '../desk/prefs';
import { newWaits, waitKey, type Waiting } from './waiting';

let audio: AudioContext | null = null;

/**
 * Two soft tones (no sound file to download): heard over a headset without startling. Browsers
 * only play sound after the page has had a click or key press, which a clinician who sent the link
 * has given; if not, the chime is simply not heard and the title, timer and notification remain.
 */
export function playChime(): void {
  const Context = typeof window === 'undefined' ? undefined : window.AudioContext;
  if (!Context) return;
  try {
    audio ??= new Context();
    void audio.resume();
    const start = audio.currentTime + 0.01;
    [659.25, 880].forEach((frequency, index) => {
      const tone = audio!.createOscillator();
      const gain = audio!.createGain();
      const at = start + index * 0.18;
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.2, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.35);
      tone.connect(gain).connect(audio!.destination);
      tone.start(at);
      tone.stop(at + 0.4);
    });
  } catch {
    // No audio device, or refused: the visible and spoken alerts carry on without it.
  }
}

export function notificationsSupported(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window;
}

/** Only when the desk tab is out of sight: a clinician looking at the page has the timer and the title. */
function notify(body: string, tag: string, onOpen: () => void): void {
  if (!notificationsSupported() || Notification.permission !== 'granted') return;
  if (document.visibilityState === 'visible' && document.hasFocus()) return;
  try {
    const note = new Notification('Parent waiting – NHS 111 paediatric video desk', { body, tag, requireInteraction: true });
    note.onclick = () => {
      window.focus();
      onOpen();
      note.close();
    };
  } catch {
    // Some browsers only allow notifications from a service worker: the tab title still shows the wait.
  }
}

/**
 * Chime and notify once for each new wait on this case (not on every call update, and not from a
 * tab that does not hold the call, so two tabs of one case do not both ring). Opening the
 * notification brings the tab forward and puts focus on the admit control.
 */
export function useWaitingAlerts({ waiting, active, who, focusAdmit }: { waiting: readonly Waiting[]; active: boolean; who: string; focusAdmit: () => void }) {
  const chime = useStore(deskPrefs, (prefs) => prefs.chime);
  const alerted = useRef(new Set<string>());
  useEffect(() => {
    if (!active) return;
    const fresh = newWaits(alerted.current, waiting);
    if (!fresh.length) return;
    for (const wait of fresh) alerted.current.add(waitKey(wait));
    if (chime) playChime();
    const first = fresh[0]!;
    notify(`${first.role === 'parent' ? 'The parent' : 'A colleague'} is waiting to be let in: ${who}`, `wait-${waitKey(first)}`, focusAdmit);
  }, [active, waiting, chime, who, focusAdmit]);
}
