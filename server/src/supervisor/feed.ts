import { randomUUID } from 'node:crypto';
import type { BoardCase, BoardClinician, BoardDelta, BoardHeadline, BoardSnapshot, CallState, DayFigures, Participant } from '@desk/shared';
import type { Deps } from '../http/context.js';
import { boardHeadline, loadBoardCases, loadSignedInClinicians, loadToday } from './board.js';
import { boardCaseAfterCall, boardCliniciansOf, type ClinicianInputs } from './boardState.js';

/** A call entering one of these may change today's figures (an admission and its wait, video reached, a failed join, an end). */
const DAY_FIGURE_CALL_STATES: ReadonlySet<CallState> = new Set(['invited', 'admitted', 'connected', 'failed', 'ended']);

const boardParticipant = (p: Participant) => ({ role: p.role, present: p.present, state: p.state, waitingSince: p.waitingSince ? new Date(p.waitingSince) : null });

/**
 * How long a change waits for others to join its delta. None by default: a change goes out on the
 * next turn of the event loop, and every change that arrives while a delta is being built joins the
 * next one — so a busy desk batches by itself (the rate of deltas is bounded by the time one takes
 * to build), and a quiet one is not made to wait for a window that buys it nothing.
 */
export const BOARD_COALESCE_MS = 0;
/** Today's figures are aggregate queries: recomputed at most this often, whatever the rate of change. */
export const BOARD_DAY_FIGURES_MIN_MS = 1_000;
/** A full comparison with the database now and then: decided rows leave, sign-ins show, anything missed heals. */
export const BOARD_RECONCILE_MS = 30_000;

type Options = { coalesceMs?: number; dayFiguresMinMs?: number; reconcileMs?: number };

/** Where deltas go: the signalling layer's board room on this process (server/src/signalling/board.ts). */
export type BoardSink = { watched(): boolean; send(delta: BoardDelta): void };

/**
 * The supervisors' board feed. Nothing is computed while nobody watches. With watchers, each
 * changed case is marked; the marks are flushed on the next turn of the event loop (marks made while
 * a flush runs join the next one) by reloading just those cases (one set of queries per flush, not
 * per change) and sending what differs from what the watchers were last sent, with the next `seq`. A watcher's snapshot and the deltas come from one serial
 * queue, so a snapshot at seq N is followed by exactly the deltas N+1, N+2, … The rows kept here
 * are a cache of what was sent, not truth: it is rebuilt from the database whenever the feed is
 * watched again, and compared with it in full every `reconcileMs`.
 *
 * Deltas go to this process's watchers only: another node counts its own epoch and seq.
 */
export function createBoardFeed(deps: Deps, options: Options = {}) {
  const coalesceMs = options.coalesceMs ?? BOARD_COALESCE_MS;
  const dayFiguresMinMs = options.dayFiguresMinMs ?? BOARD_DAY_FIGURES_MIN_MS;
  const epoch = randomUUID();
  let seq = 0;
  /** What the watchers were last sent; null while nobody watches. */
  let sent: {
    rows: Map<string, BoardCase>;
    staff: ClinicianInputs[];
    clinicians: BoardClinician[];
    headline: BoardHeadline;
    today: DayFigures;
    todayAt: number;
  } | null = null;
  const pending = new Set<string>();
  /** The rows are being read afresh: changes meanwhile are marked, to be read again after. */
  let building = false;
  /** Rows already worked out from a call's own write (no database read needed), by case. */
  const pendingRows = new Map<string, BoardCase>();
  /** The version of each case's call last applied that way: an older write arriving late never wins. */
  const callVersions = new Map<string, number>();
  let staffChanged = false;
  let dayChanged = false;
  /** The next delta, asked for and not yet started: changes until it starts join it. */
  let timer: NodeJS.Timeout | null = null;
  /** Today's figures are due again (at most every `dayFiguresMinMs`): their own timer, so rows never wait for it. */
  let dayTimer: NodeJS.Timeout | null = null;
  let closed = false;
  let queue: Promise<unknown> = Promise.resolve();

  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  };
  let sink: BoardSink | null = null;
  const watched = () => sink?.watched() ?? false;

  /** A delta is queued behind the one being built: changes until it starts are its. */
  let queued = false;
  const schedule = (delayMs = coalesceMs) => {
    if (timer || queued || closed) return;
    timer = setTimeout(() => {
      timer = null;
      queued = true;
      void serial(() => {
        queued = false;
        return flush(false);
      }).catch((error: unknown) => deps.logger.error({ err: error }, 'board delta failed'));
    }, delayMs);
    timer.unref?.();
  };

  const scheduleDay = (delayMs: number) => {
    if (dayTimer || closed) return;
    dayTimer = setTimeout(() => {
      dayTimer = null;
      schedule(0);
    }, delayMs);
    dayTimer.unref?.();
  };

  /** Loads everything (nothing cached yet). */
  async function build(): Promise<NonNullable<typeof sent>> {
    // Changes from here on are marked (and sent after the snapshot), not lost while it loads.
    building = true;
    pending.clear();
    pendingRows.clear();
    callVersions.clear();
    staffChanged = dayChanged = false;
    const rows = await loadBoardCases(deps).finally(() => (building = false));
    const [staff, today] = await Promise.all([loadSignedInClinicians(deps), loadToday(deps)]);
    return {
      rows: new Map(rows.map((r) => [r.caseId, r])),
      staff,
      clinicians: boardCliniciansOf(staff, rows),
      headline: boardHeadline(rows, today),
      today,
      todayAt: Date.now(),
    };
  }

  /** Sends what changed since the last delta (`full`: compares every row with the database). */
  async function flush(full: boolean): Promise<void> {
    if (closed) return;
    if (!watched()) {
      sent = null;
      pending.clear();
      pendingRows.clear();
      return;
    }
    if (!sent) {
      sent = await build();
      return;
    }
    const ids = [...pending];
    pending.clear();
    const derived = [...pendingRows.values()];
    pendingRows.clear();
    if (!full && !ids.length && !derived.length && !staffChanged && !dayChanged) return;
    const fresh = full ? await loadBoardCases(deps) : ids.length ? await loadBoardCases(deps, ids) : [];
    const upserts: BoardCase[] = [];
    const removed: string[] = [];
    const freshIds = new Set(fresh.map((r) => r.caseId));
    // A row read from the database just now says everything; one worked out from a call's write only fills in the rest.
    for (const row of full ? [] : derived) {
      if (freshIds.has(row.caseId) || !sent.rows.has(row.caseId)) continue;
      if (JSON.stringify(sent.rows.get(row.caseId)) !== JSON.stringify(row)) upserts.push(row);
      sent.rows.set(row.caseId, row);
    }
    for (const row of fresh) {
      const before = sent.rows.get(row.caseId);
      if (!before || JSON.stringify(before) !== JSON.stringify(row)) upserts.push(row);
      sent.rows.set(row.caseId, row);
    }
    for (const id of full ? [...sent.rows.keys()] : ids) {
      if (!freshIds.has(id) && sent.rows.delete(id)) removed.push(id);
    }
    const rows = [...sent.rows.values()];
    const delta: BoardDelta = { epoch, seq: 0, serverNow: '', upserts, removed };

    // Who is signed in (and their counts of the shift) changes with sign-ins, availability and
    // signatures, not with every call step: re-read then; otherwise their status follows from the rows.
    const staffNow = staffChanged;
    staffChanged = false;
    if (full || staffNow || upserts.some((row) => row.state === 'decided')) sent.staff = await loadSignedInClinicians(deps);
    if (full || staffNow || upserts.length || removed.length) {
      const clinicians = boardCliniciansOf(sent.staff, rows);
      if (JSON.stringify(clinicians) !== JSON.stringify(sent.clinicians)) delta.clinicians = sent.clinicians = clinicians;
    }
    if (removed.length) dayChanged = true;
    if (dayChanged || full) {
      const wait = sent.todayAt + dayFiguresMinMs - Date.now();
      if (wait <= 0 || full) {
        dayChanged = false;
        sent.today = await loadToday(deps);
        sent.todayAt = Date.now();
      } else {
        scheduleDay(wait);
      }
    }
    const headline = boardHeadline(rows, sent.today);
    if (JSON.stringify(headline) !== JSON.stringify(sent.headline)) delta.headline = sent.headline = headline;

    if (!upserts.length && !removed.length && !delta.clinicians && !delta.headline) return;
    seq += 1;
    sink?.send({ ...delta, seq, serverNow: deps.clock.now().toISOString() });
  }

  function snapshotOf(state: NonNullable<typeof sent>): BoardSnapshot {
    return {
      epoch,
      seq,
      serverNow: deps.clock.now().toISOString(),
      thresholds: deps.config.board.thresholds,
      decidedVisibleSeconds: deps.config.board.decidedVisibleSeconds,
      cases: [...state.rows.values()],
      clinicians: state.clinicians,
      headline: state.headline,
    };
  }

  const offEvents = [
    deps.events.onCaseChanged((caseId) => markCase(caseId)),
    deps.events.onCallChanged((update, times) => {
      const row = sent?.rows.get(update.caseId);
      // Without the call's times (when it entered its state, when it connected), or for a case not on the board yet: read it.
      if (!row || !times) return markCase(update.caseId);
      if ((callVersions.get(update.caseId) ?? -1) > update.seq) return;
      callVersions.set(update.caseId, update.seq);
      // Today's figures count arrivals, links, admissions, video reached, failures and decisions: a call
      // dropping into or out of reconnecting (most changes in a busy shift) changes none of them.
      if (DAY_FIGURE_CALL_STATES.has(update.snapshot.state)) dayChanged = true;
      const base = pendingRows.get(update.caseId) ?? row;
      pendingRows.set(update.caseId, boardCaseAfterCall(base, { id: update.callId, state: update.snapshot.state, reason: update.snapshot.reason, ...times }, update.participants.map(boardParticipant)));
      schedule();
    }),
    deps.events.onStaffChanged(() => {
      if (!sent && !building) return;
      staffChanged = true;
      schedule();
    }),
  ];
  function markCase(caseId: string): void {
    if (!sent && !building) return;
    pending.add(caseId);
    dayChanged = true;
    schedule();
  }

  const reconcile = setInterval(() => {
    if (sent && watched()) void serial(() => flush(true)).catch((error: unknown) => deps.logger.error({ err: error }, 'board reconcile failed'));
  }, options.reconcileMs ?? BOARD_RECONCILE_MS);
  reconcile.unref?.();

  return {
    /** The REST snapshot (`GET /api/supervisor/board`): the same rows and seq the sockets are at. */
    snapshot(): Promise<BoardSnapshot> {
      return serial(async () => {
        if (sent) {
          await flush(false);
          if (sent) return snapshotOf(sent);
        }
        // Nobody watches on this process: a fresh build, not kept (nothing would keep it current).
        return snapshotOf(await build());
      });
    },
    /** Where deltas go (the signalling layer connects its room). */
    connect(to: BoardSink): () => void {
      sink = to;
      return () => {
        if (sink === to) sink = null;
        sent = null;
      };
    },
    /** A new watcher: `join` puts it where deltas go, inside the queue, so every delta after its snapshot reaches it and none before. */
    watch(join: () => Promise<void> | void): Promise<BoardSnapshot> {
      return serial(async () => {
        if (sent) await flush(false);
        await join();
        if (!sent) sent = await build();
        return snapshotOf(sent);
      });
    },
    close(): void {
      closed = true;
      for (const off of offEvents) off();
      clearInterval(reconcile);
      if (timer) clearTimeout(timer);
      if (dayTimer) clearTimeout(dayTimer);
    },
  };
}

export type BoardFeed = ReturnType<typeof createBoardFeed>;
