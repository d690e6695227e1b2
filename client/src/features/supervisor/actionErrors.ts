import type { ErrorCode } from '@desk/shared';
import { ApiRequestError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';

/**
 * What a refused supervisor action says, by its stable code: words a supervisor can act on rather
 * than the server's message. A code not listed falls back to the server's own message.
 */
export type SupervisorAction = 'reassign' | 'take_parent';

const COMMON: Partial<Record<ErrorCode, string>> = {
  CASE_CLOSED: 'This case is closed: its decision is signed. Nothing more can be handed over on it.',
  NOT_A_CLINICIAN: 'That person is not an active clinician. Choose another clinician from the list.',
  NOT_FOUND: 'This case could not be found. It may have been removed: go back to the live board.',
  FORBIDDEN: 'Only supervisors and administrators can do this.',
};

const BY_ACTION: Record<SupervisorAction, Partial<Record<ErrorCode, string>>> = {
  reassign: {
    ...COMMON,
    CALL_IN_PROGRESS: 'This case has a call in progress. Reassign it when the call has ended.',
    CASE_CLOSED: 'This case is closed: its decision is signed. A closed case cannot be reassigned.',
  },
  take_parent: {
    ...COMMON,
    NO_PARENT_WAITING: 'No parent is waiting on this case now, so there is nobody to take. The page shows the call as it is now.',
    NOT_CASE_CLINICIAN: 'Only the clinician on this case can let the parent in. The page shows who has the case now.',
    CASE_CLOSED: 'This case is closed: its decision is signed. There is no parent to take.',
  },
};

export function actionErrorText(action: SupervisorAction, error: unknown): string {
  const code = error instanceof ApiRequestError ? error.code : null;
  return (code !== null && code !== 'NETWORK' ? BY_ACTION[action][code] : undefined) ?? errorMessage(error);
}
