import { assertNever, type DraftKind } from '@desk/shared';
import { useKeepAlive } from '../auth/sessionKeeper';
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatTime } from '../../lib/format';
import { deleteServerDraft, saveServerDraft } from './api';
import type { DecisionDraft } from './decisionDraft';

/** Typing pauses this long before the draft goes to the server. */
export const DRAFT_SAVE_DEBOUNCE_MS = 1_000;

export type DraftSaveStatus =
  | { state: 'idle' }
  | { state: 'saving'; lastSavedAt: string | null }
  | { state: 'saved'; at: string }
  | { state: 'failed' };

const lastSaved = (status: DraftSaveStatus) => (status.state === 'saved' ? status.at : status.state === 'saving' ? status.lastSavedAt : null);

/**
 * Keeps the server's copy of the unsigned form up to date: a save a second after typing stops, and
 * a last one (keepalive) when the page is hidden or closed. Saves run one after another, so an older
 * draft never lands after a newer one; discarding waits for them, so a late save cannot bring it back.
 */
export function useDraftAutosave(caseId: string, kind: DraftKind) {
  // An open decision form keeps the clinician signed in: reading the child's notes is not typing.
  useKeepAlive(`draft:${caseId}:${kind}`, true);
  const [status, setStatus] = useState<DraftSaveStatus>({ state: 'idle' });
  const pending = useRef<DecisionDraft | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const cancelTimer = () => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  };

  const flush = useCallback(
    (options: { keepalive?: boolean } = {}) => {
      cancelTimer();
      const draft = pending.current;
      if (!draft) return;
      pending.current = null;
      setStatus((s) => ({ state: 'saving', lastSavedAt: lastSaved(s) }));
      const save = () =>
        saveServerDraft(caseId, kind, draft, options).then(
          (saved) => {
            // A newer change is already waiting: its own save will say "saved".
            if (!pending.current) setStatus({ state: 'saved', at: saved.updatedAt });
          },
          () => setStatus({ state: 'failed' }),
        );
      // A page being hidden or closed may not run another task: its last save starts now, not in turn.
      const started = options.keepalive ? save() : null;
      queue.current = queue.current.then(() => started ?? save());
    },
    [caseId, kind],
  );

  const schedule = useCallback(
    (draft: DecisionDraft) => {
      pending.current = draft;
      cancelTimer();
      timer.current = setTimeout(() => flush(), DRAFT_SAVE_DEBOUNCE_MS);
    },
    [flush],
  );

  /** The form was signed or abandoned: drop what is waiting and delete the server's copy after any save under way. */
  const discard = useCallback(() => {
    cancelTimer();
    pending.current = null;
    setStatus({ state: 'idle' });
    queue.current = queue.current.then(() => deleteServerDraft(caseId, kind)).catch(() => undefined);
  }, [caseId, kind]);

  /** The server already holds this draft (restored from it). */
  const markSaved = useCallback((at: string) => setStatus({ state: 'saved', at }), []);

  useEffect(() => {
    const onHidden = () => {
      if (document.visibilityState === 'hidden') flush({ keepalive: true });
    };
    const onPageHide = () => flush({ keepalive: true });
    document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('pagehide', onPageHide);
      // Leaving the case page inside the app: save what is waiting now rather than lose it.
      flush();
    };
  }, [flush]);

  return { status, schedule, discard, markSaved };
}

export const DRAFT_NOT_SAVED_MESSAGE = 'Draft not saved: check your connection';

/**
 * The line by the Sign button. Once a save time shows, later saves change it only when they finish,
 * so a screen reader hears "saved at" once a minute at most, not "saving" at every pause in typing.
 */
export function draftStatusText(status: DraftSaveStatus): string {
  switch (status.state) {
    case 'idle':
      return '';
    case 'saving':
      return status.lastSavedAt ? `Draft saved at ${formatTime(status.lastSavedAt)}` : 'Saving draft…';
    case 'saved':
      return `Draft saved at ${formatTime(status.at)}`;
    case 'failed':
      return DRAFT_NOT_SAVED_MESSAGE;
    default:
      return assertNever(status);
  }
}
