import { useState } from 'react';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { errorMessage } from '../../lib/errors';
import { useSessionStore } from '../auth/sessionStore';
import { fetchOpenCases } from '../cases/api';
import { nextOwnCase } from '../queue/caseListOrder';

export const NO_MORE_OPEN_CASES = 'No more open cases';

/** What the case list is told when "Next case" found none (router state: read with `caseListNotice`). */
const caseListStateSchema = z.object({ notice: z.string() });

export function caseListNotice(state: unknown): string | null {
  const parsed = caseListStateSchema.safeParse(state);
  return parsed.success ? parsed.data.notice : null;
}

/**
 * "Next case" on the signed decision: the clinician's next own open case, in the case list's
 * order, asked of the server when pressed (the list may have moved since the page opened); none
 * left → the case list, saying so.
 */
export function NextCase({ currentCaseId }: { currentCaseId: string }) {
  const navigate = useNavigate();
  const userId = useSessionStore((s) => s.session?.user.id ?? null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const go = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const next = userId ? nextOwnCase(await fetchOpenCases(), userId, currentCaseId) : null;
      if (next) void navigate(`/cases/${encodeURIComponent(next.id)}`);
      else void navigate('/', { state: { notice: NO_MORE_OPEN_CASES } });
    } catch (error) {
      setProblem(`Cannot find your next case: ${errorMessage(error)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="desk-next-case">
      <button type="button" className="nhsuk-button nhsuk-u-margin-bottom-2" data-testid="next-case" data-shortcut="next-case" disabled={busy} onClick={() => void go()}>
        {busy ? 'Finding your next case…' : 'Next case'}
      </button>
      {problem ? (
        <p className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error:</span> {problem}
        </p>
      ) : null}
    </div>
  );
}
