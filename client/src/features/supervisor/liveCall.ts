import type { Case, CallUpdate } from '@desk/shared';
import { useEffect, useState } from 'react';
import { deskReaders } from '../../lib/deskReaders';
import { getSocket } from '../../lib/socket';

/**
 * The case's call as it is now. A call's changes reach the pages watching the case as `call:state`
 * (not `case:changed`), so the read-only page lays the latest one over the call the case was
 * loaded with: a parent reaching the waiting room shows (and offers "take this parent") at once.
 */
export function withCallUpdate(call: Case['call'], update: CallUpdate | null): Case['call'] {
  if (!call || !update || update.callId !== call.id) return call;
  return {
    ...call,
    state: update.snapshot.state,
    reason: update.snapshot.reason,
    participants: update.participants.map(({ id, role, name, state, reason, present }) => ({ id, role, name, state, reason, present })),
  };
}

/** The latest `call:state` of this case (a lower seq of the same call is stale and ignored). */
export function useLiveCall(caseRecord: Case): Case['call'] {
  const [latest, setLatest] = useState<CallUpdate | null>(null);
  const caseId = caseRecord.id;
  useEffect(
    () =>
      getSocket('staff', deskReaders).on('call:state', (update) => {
        if (update.caseId !== caseId) return;
        setLatest((previous) => (previous && previous.callId === update.callId && previous.seq >= update.seq ? previous : update));
      }),
    [caseId],
  );
  return withCallUpdate(caseRecord.call, latest);
}
