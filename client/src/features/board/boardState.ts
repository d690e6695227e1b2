import type { BoardCase, BoardClinician, BoardDelta, BoardHeadline, BoardSnapshot, BoardThresholds } from '@desk/shared';

/**
 * The board as a page holds it, and the two ways it changes: a snapshot replaces everything; a
 * delta applies only if it is the next one of the same server process. Anything else (a gap, an
 * older delta, another epoch) is a `gap`: the page asks for a snapshot, so a row missed while the
 * connection was down never survives. Pure: table-tested in client/test/board-state.test.ts.
 */
export type BoardData = {
  epoch: string;
  seq: number;
  rows: Record<string, BoardCase>;
  clinicians: BoardClinician[];
  headline: BoardHeadline;
  thresholds: BoardThresholds;
  decidedVisibleSeconds: number;
  /** The server's clock minus this screen's, at the last message: rows count up in server time. */
  clockOffsetMs: number;
  /** When the last snapshot or delta arrived (local ISO time). */
  receivedAt: string;
};

export function fromSnapshot(snapshot: BoardSnapshot, localNowMs: number): BoardData {
  return {
    epoch: snapshot.epoch,
    seq: snapshot.seq,
    rows: Object.fromEntries(snapshot.cases.map((c) => [c.caseId, c])),
    clinicians: snapshot.clinicians,
    headline: snapshot.headline,
    thresholds: snapshot.thresholds,
    decidedVisibleSeconds: snapshot.decidedVisibleSeconds,
    clockOffsetMs: Date.parse(snapshot.serverNow) - localNowMs,
    receivedAt: new Date(localNowMs).toISOString(),
  };
}

export type DeltaResult = { kind: 'applied'; data: BoardData } | { kind: 'stale' } | { kind: 'gap' };

export function applyDelta(data: BoardData, delta: BoardDelta, localNowMs: number): DeltaResult {
  if (delta.epoch === data.epoch && delta.seq <= data.seq) return { kind: 'stale' };
  if (delta.epoch !== data.epoch || delta.seq !== data.seq + 1) return { kind: 'gap' };
  const rows = { ...data.rows };
  for (const row of delta.upserts) rows[row.caseId] = row;
  for (const id of delta.removed) delete rows[id];
  return {
    kind: 'applied',
    data: {
      ...data,
      seq: delta.seq,
      rows,
      clinicians: delta.clinicians ?? data.clinicians,
      headline: delta.headline ?? data.headline,
      clockOffsetMs: Date.parse(delta.serverNow) - localNowMs,
      receivedAt: new Date(localNowMs).toISOString(),
    },
  };
}

/** The rows a watcher sees now: a decided case leaves once its time on the board is up. */
export function visibleRows(data: Pick<BoardData, 'rows' | 'decidedVisibleSeconds'>, serverNowMs: number): BoardCase[] {
  return Object.values(data.rows).filter(
    (row) => row.state !== 'decided' || serverNowMs - Date.parse(row.stateSince) < data.decidedVisibleSeconds * 1000,
  );
}
