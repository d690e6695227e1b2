import type { Bundle } from '@medplum/fhirtypes';
import { eq } from 'drizzle-orm';
import { staffActor, writeAudit } from '../audit/audit.js';
import type { StaffPrincipal } from '../auth/sessions.js';
import { findCase } from '../cases/service.js';
import { decisions, users } from '../db/schema.js';
import { listDecisions } from '../decisions/service.js';
import type { Deps } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { listCasePhotos } from '../photos/service.js';
import { outcomeBundle } from './outcome.js';

/** The latest signed decision on a case as a FHIR document for the GP; every export is audited. */
export async function exportOutcome(deps: Deps, staff: StaffPrincipal, caseId: string): Promise<Bundle> {
  const caseRow = await findCase(deps, caseId);
  const decision = (await listDecisions(deps, caseId)).find((d) => d.supersededById === null);
  if (!decision) throw new AppError('NOT_FOUND', 'This case has no signed decision to export yet.');
  const [signer] = await deps.db
    .select({ id: users.id, displayName: users.displayName })
    .from(decisions)
    .innerJoin(users, eq(users.id, decisions.signedBy))
    .where(eq(decisions.id, decision.id));
  if (!signer) throw new AppError('NOT_FOUND', 'The clinician who signed this decision was not found.');
  const photos = await listCasePhotos(deps, caseId);
  const bundle = outcomeBundle({ caseRow, decision, signer, now: deps.clock.now(), baseUrl: deps.config.publicUrl, photos });
  await writeAudit(deps.db, {
    actor: staffActor(staff.userId),
    action: 'outcome_exported',
    subject: `case:${caseId}`,
    detail: { decisionId: decision.id, version: decision.version, format: 'fhir-r4-document', photos: photos.length },
  });
  return bundle;
}
