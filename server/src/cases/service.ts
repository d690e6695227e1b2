import { createCaseBodySchema, isId, parseUkPhone, resolveLanguage, type Case } from '@desk/shared';
import { desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { staffActor, writeAudit } from '../audit/audit.js';
import type { StaffPrincipal } from '../auth/sessions.js';
import { cases, users } from '../db/schema.js';
import type { Deps } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { currentPhotoRequest, listCasePhotos } from '../photos/service.js';
import { latestSmsForCase, toSmsSummary } from '../sms/outbox.js';
import { safeguardingOf } from './safeguarding.js';

export type CaseRow = typeof cases.$inferSelect;

export async function createCase(deps: Deps, staff: StaffPrincipal, body: z.output<typeof createCaseBodySchema>): Promise<Case> {
  const now = deps.clock.now();
  const phone = parseUkPhone(body.callerPhone)!;
  // Any language is taken: the parent's pages get one they speak, or English with the desk told what was asked.
  const language = resolveLanguage(body.preferredLanguage);
  const [row] = await deps.db
    .insert(cases)
    .values({
      reference: body.reference,
      childFirstName: body.childFirstName,
      childAgeMonths: body.childAgeMonths,
      dateOfBirth: body.dateOfBirth ?? null,
      nhsNumber: body.nhsNumber ?? null,
      gpPractice: body.gpPractice ?? null,
      callerPhone: phone.e164,
      callerPhoneKind: phone.kind,
      relationship: body.relationship,
      complaint: body.complaint,
      preferredLanguage: language.language,
      languageRequested: language.requested,
      languageSupported: language.supported,
      assignedClinicianId: staff.userId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await writeAudit(deps.db, { actor: staffActor(staff.userId), action: 'case_created', subject: `case:${row!.id}` });
  deps.events.caseChanged(row!.id);
  return caseView(deps, row!);
}

export async function findCase(deps: Pick<Deps, 'db'>, caseId: string): Promise<CaseRow> {
  // Not a UUID → cannot exist; answer 404 rather than letting the database complain.
  if (!isId(caseId)) throw notFound('That case');
  const [row] = await deps.db.select().from(cases).where(eq(cases.id, caseId));
  if (!row) throw notFound('That case');
  return row;
}

export async function listOpenCases(deps: Deps): Promise<Case[]> {
  const rows = await deps.db.select().from(cases).where(eq(cases.status, 'open')).orderBy(desc(cases.createdAt)).limit(200);
  return Promise.all(rows.map((row) => caseView(deps, row)));
}

/**
 * `GET /api/cases/:id`. Supervisors and admins read it read-only (their pages hold no call or
 * decision controls, and the server refuses those to them): each such look is audited, and the
 * demo's join link is left out (it would let them into the call as the parent).
 */
export async function viewCase(deps: Deps, staff: StaffPrincipal, caseId: string): Promise<Case> {
  const row = await findCase(deps, caseId);
  if (staff.role === 'clinician') return caseView(deps, row);
  await writeAudit(deps.db, { actor: staffActor(staff.userId), action: 'case_viewed', subject: `case:${row.id}`, detail: { role: staff.role } });
  const { devJoinLink: _joinLink, ...readOnly } = await caseView(deps, row);
  return readOnly;
}

/** The case as the desk shows it, with its current call and the last SMS sent about it. */
export async function caseView(deps: Deps, row: CaseRow): Promise<Case> {
  const [call, sms, assigned, photos, photoRequest, safeguarding] = await Promise.all([
    deps.calls.summaryForCase(row.id),
    latestSmsForCase(deps, row.id, 'video_invite'),
    row.assignedClinicianId
      ? deps.db.select({ displayName: users.displayName }).from(users).where(eq(users.id, row.assignedClinicianId))
      : Promise.resolve([]),
    listCasePhotos(deps, row.id),
    currentPhotoRequest(deps, row.id),
    safeguardingOf(deps, row),
  ]);
  return {
    id: row.id,
    reference: row.reference,
    childFirstName: row.childFirstName,
    childAgeMonths: row.childAgeMonths,
    callerPhone: row.callerPhone,
    callerPhoneKind: row.callerPhoneKind,
    relationship: row.relationship,
    complaint: row.complaint,
    dateOfBirth: row.dateOfBirth,
    nhsNumber: row.nhsNumber,
    gpPractice: row.gpPractice,
    preferredLanguage: row.preferredLanguage,
    language: row.preferredLanguage,
    languageRequested: row.languageSupported ? null : row.languageRequested,
    languageChosenByParent: row.languageChosenAt !== null,
    status: row.status,
    assignedClinician: assigned[0]?.displayName ?? null,
    assignedClinicianId: row.assignedClinicianId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    call,
    lastSms: sms ? toSmsSummary(sms) : null,
    photos,
    photoRequest,
    safeguarding,
    calledBackAt: row.calledBackAt?.toISOString() ?? null,
    ...(deps.config.production ? {} : { devJoinLink: sms?.link ?? null }),
  };
}
