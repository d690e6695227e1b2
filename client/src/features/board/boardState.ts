import type { BoardCase, BoardClinician, BoardDelta, BoardHeadline, BoardSnapshot, BoardThresholds, DeskCasesDelta, DeskCasesSnapshot } from '@desk/shared';

/**
 * Live rows as a page holds them, and the two ways they change: a snapshot replaces everything; a
 * delta applies only if it is the next one of the same server process. Anything else (a gap, an
 * older delta, another epoch) is a `gap`: the page asks for a snapshot, so a row missed while the
 * connection was down never survives. The supervisor's board and the clinician's case list hold
 * the same rows (the board with its clinicians and figures). Pure: table-tested in client/test/board.test.tsx.
 */
export type LiveRows = {
  epoch: string;
  seq: number;
  rows: Record<string, BoardCase>;
  /** The server's clock minus this screen's, at the last message: rows count up in server time. */
  clockOffsetMs: number;
  /** When the last snapshot or delta arrived (local ISO time). */
  receivedAt: string;
};

export type BoardData = LiveRows & {
  clinicians: BoardClinician[];
  headline: BoardHeadline;
  thresholds: BoardThresholds;
  decidedVisibleSeconds: number;
};

export type DeltaResult<T> = { kind: 'applied'; data: T } | { kind: 'stale' } | { kind: 'gap' };

export function rowsFromSnapshot(snapshot: DeskCasesSnapshot, localNowMs: number): LiveRows {
  return {
    epoch: snapshot.epoch,
    seq: snapshot.seq,
    rows: Object.fromEntries(snapshot.cases.map((c) => [c.caseId, c])),
    clockOffsetMs: Date.parse(snapshot.serverNow) - localNowMs,
    receivedAt: new Date(localNowMs).toISOString(),
  };
}

export function applyRowsDelta<T extends LiveRows>(data: T, delta: DeskCasesDelta, localNowMs: number): DeltaResult<T> {
  if (delta.epoch === data.epoch && delta.seq <= data.seq) return { kind: 'stale' };
  if (delta.epoch !== data.epoch || delta.seq !== data.seq + 1) return { kind: 'gap' };
  const rows = { ...data.rows };
  for (const row of delta.upserts) rows[row.caseId] = row;
  for (const id of delta.removed) delete rows[id];
  return {
    kind: 'applied',
    data: { ...data, seq: delta.seq, rows, clockOffsetMs: Date.parse(delta.serverNow) - localNowMs, receivedAt: new Date(localNowMs).toISOString() },
  };
}

export function fromSnapshot(snapshot: BoardSnapshot, localNowMs: number): BoardData {
  return {
    ...rowsFromSnapshot(snapshot, localNowMs),
    clinicians: snapshot.clinicians,
    headline: snapshot.headline,
    thresholds: snapshot.thresholds,
    decidedVisibleSeconds: snapshot.decidedVisibleSeconds,
  };
}

export function applyDelta(data: BoardData, delta: BoardDelta, localNowMs: number): DeltaResult<BoardData> {
  const result = applyRowsDelta(data, delta, localNowMs);
  if (result.kind !== 'applied') return result;
  return { kind: 'applied', data: { ...result.data, clinicians: delta.clinicians ?? data.clinicians, headline: delta.headline ?? data.headline } };
}

/** The rows a watcher sees now: a decided case leaves once its time on the board is up. */
export function visibleRows(data: Pick<BoardData, 'rows' | 'decidedVisibleSeconds'>, serverNowMs: number): BoardCase[] {
  return Object.values(data.rows).filter(
    (row) => row.state !== 'decided' || serverNowMs - Date.parse(row.stateSince) < data.decidedVisibleSeconds * 1000,
  );
}
