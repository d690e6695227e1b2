import type { Principal } from '../auth/sessions.js';
import type { Deps } from '../http/context.js';
import { AppError, forbidden } from '../http/errors.js';

/** The clinician's participant in a call of a case assigned to them, or a refusal. */
export async function callClinician(deps: Pick<Deps, 'calls'>, principal: Principal, callId: string): Promise<{ participantId: string; caseId: string }> {
  if (principal.kind !== 'staff' || principal.role !== 'clinician') throw forbidden('Only a clinician can do that.');
  const call = await deps.calls.byId(callId);
  if (!call) throw new AppError('NOT_FOUND', 'That call was not found.');
  const [host] = (await deps.calls.participantsOf([callId])).filter((p) => p.role === 'clinician' && p.userId === principal.userId);
  if (!host) throw forbidden('Only the clinician assigned to this case can do that.');
  return { participantId: host.id, caseId: call.caseId };
}
