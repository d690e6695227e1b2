import type { Ack, BoardCase, BoardClinician, BoardDelta, BoardSnapshot, BoardState, DeskCasesSnapshot, DeskNotice, ServerToClientPayload } from '@desk/shared';
import { expect } from 'vitest';
import { connectSocket, type TestServer } from './harness.js';

/** The data of an ok acknowledgement (throws with the code of a refusal). */
export function dataOf<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`refused: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

export const WAIT_MS = 8_000;

/** Resolves once `check` returns something other than undefined, re-checked on each `wake`; fails after a few seconds. */
function until<T>(waiters: Set<() => void>, check: () => T | undefined, what: () => string): Promise<T> {
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const found = check();
      if (found === undefined) return;
      clearTimeout(timer);
      waiters.delete(attempt);
      resolve(found);
    };
    const timer = setTimeout(() => {
      waiters.delete(attempt);
      reject(new Error(`timed out waiting for ${what()}`));
    }, WAIT_MS);
    waiters.add(attempt);
    attempt();
  });
}

/**
 * A staff socket watching the board (`board`: a supervisor's) or the desk's case list (`cases`):
 * the snapshot it was given and every delta after it, applied as the page does (contiguous seq,
 * one epoch), and every notice the socket is sent.
 */
export async function watchFeed(server: TestServer, cookie: string, feed: 'board' | 'cases' = 'board') {
  const socket = await connectSocket(server, { kind: 'staff', cookie });
  const deltas: BoardDelta[] = [];
  const notices: DeskNotice[] = [];
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const check of [...waiters]) check();
  };
  socket.socket.on(feed === 'board' ? 'board:delta' : 'cases:delta', (delta: ServerToClientPayload<'board:delta'>) => {
    deltas.push(delta);
    wake();
  });
  socket.socket.on('notice', (notice) => {
    notices.push(notice);
    wake();
  });
  const board: BoardSnapshot | null = feed === 'board' ? dataOf(await socket.socket.emitWithAck('board:watch', {})) : null;
  const snapshot: DeskCasesSnapshot = board ?? dataOf(await socket.socket.emitWithAck('cases:watch', {}));
  const rows = new Map(snapshot.cases.map((c) => [c.caseId, c]));
  let clinicians: BoardClinician[] = board?.clinicians ?? [];
  let seq = snapshot.seq;
  const apply = () => {
    for (const delta of deltas.filter((d) => d.seq > seq)) {
      expect(delta.seq, 'deltas arrive in order, none missing').toBe(seq + 1);
      expect(delta.epoch).toBe(snapshot.epoch);
      seq = delta.seq;
      for (const row of delta.upserts) rows.set(row.caseId, row);
      for (const id of delta.removed) rows.delete(id);
      if (delta.clinicians) clinicians = delta.clinicians;
    }
  };
  const row = (caseId: string): BoardCase | undefined => (apply(), rows.get(caseId));
  return {
    socket,
    snapshot,
    deltas,
    notices,
    rows: () => (apply(), rows),
    /** Resolves once the applied rows show the case in `state`. */
    waitForState: (caseId: string, state: BoardState) =>
      until(waiters, () => (row(caseId)?.state === state ? true : undefined), () => `${state}; row is ${JSON.stringify(rows.get(caseId))}`),
    /** Resolves with the case's row once it matches. */
    waitForRow: (caseId: string, match: (row: BoardCase) => boolean) =>
      until(waiters, () => { const r = row(caseId); return r && match(r) ? r : undefined; }, () => `a matching row; row is ${JSON.stringify(rows.get(caseId))}`),
    /** Resolves with the board's clinician once it matches. */
    waitForClinician: (clinicianId: string, match: (clinician: BoardClinician) => boolean) =>
      until(waiters, () => (apply(), clinicians.find((c) => c.id === clinicianId && match(c))), () => `a matching clinician; clinicians are ${JSON.stringify(clinicians)}`),
    /** Resolves with the first notice of that kind about that case. */
    waitForNotice: (kind: DeskNotice['kind'], caseId: string) =>
      until(waiters, () => notices.find((n) => n.kind === kind && n.caseId === caseId), () => `a ${kind} notice; got ${JSON.stringify(notices)}`),
    close: () => socket.close(),
  };
}
