import { callBackDue, callStoppedForCallBack, type Case, type CallReason } from '@desk/shared';
import { useEffect } from 'react';
import { useLiveCall } from '../supervisor/liveCall';

export type CallBack = {
  /** The parent is owed a call-back now (the board's `call_back_due`, by the same rule). */
  due: boolean;
  /** When video failed (the call entered its state), once the case's view knows it. */
  since: string | null;
  /** Why video stopped, as the live call says it. */
  reason: CallReason | null;
};

/**
 * Whether the case's parent is owed a call-back, from the loaded case and its live call. A call's
 * changes reach the page as `call:state` without the time it entered its state or whether it had
 * connected: when the live call stops for a call-back reason the loaded case has not seen, the case
 * is read again for both.
 */
export function useCallBack(caseRecord: Case, reload: () => void): CallBack {
  const live = useLiveCall(caseRecord);
  const loaded = caseRecord.call;
  const fresh = live !== null && loaded !== null && live.id === loaded.id && live.state === loaded.state && live.reason === loaded.reason;
  const stale = live !== null && !fresh && callStoppedForCallBack(live);
  const key = stale && live ? `${live.id}:${live.state}:${live.reason ?? ''}` : null;
  useEffect(() => {
    if (key) reload();
  }, [key, reload]);
  if (!live) return { due: false, since: null, reason: null };
  // Until the reload lands, a call-back recorded earlier belongs to an earlier state: the parent is owed
  // one if the loaded case already knows video had connected (else the reload says whether it had).
  const since = fresh ? (loaded?.stateSince ?? null) : null;
  const connectedAt = live.connectedAt;
  const due = (stale && connectedAt !== null) || callBackDue({ ...live, stateSince: since, connectedAt }, caseRecord.calledBackAt);
  return { due, since, reason: live.reason };
}
