import { createHash } from 'node:crypto';
import { casePhotoPath, isInMedia, type CasePhoto, type PhotoReceipt, type PhotoRequest } from '@desk/shared';
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import { joinActor, staffActor, writeAudit } from '../audit/audit.js';
import type { JoinPrincipal, StaffPrincipal } from '../auth/sessions.js';
import { callParticipants, calls, casePhotos, photoRequests } from '../db/schema.js';
import type { Deps } from '../http/context.js';
import { AppError, forbidden, notFound } from '../http/errors.js';
import { reencodePhoto } from './image.js';

/**
 * Still photos with consent (docs/security.md, "Photos"). The clinician asks in a call; the parent's
 * "Send photo" is their consent and the upload in one; the server keeps only a re-encoded copy with
 * no metadata, in the database, and only clinicians read it. Every step is an audit row.
 */

type RequestRow = typeof photoRequests.$inferSelect;
type PhotoRow = Omit<typeof casePhotos.$inferSelect, 'bytes'>;

/** A request the parent can still answer (send, or say no). */
const OPEN_REQUEST_STATES = ['asked', 'failed'] as const;

export function toPhotoRequest(row: RequestRow, photoId: string | null = null): PhotoRequest {
  return {
    id: row.id,
    callId: row.callId,
    state: row.state,
    subject: row.subject,
    requestedAt: row.requestedAt.toISOString(),
    photoId,
    failure: row.state === 'failed' && row.failureCode ? { code: row.failureCode, message: row.failureMessage ?? '' } : null,
  };
}

function toCasePhoto(row: PhotoRow): CasePhoto {
  return {
    id: row.id,
    requestId: row.requestId,
    mime: row.mime,
    width: row.width,
    height: row.height,
    bytes: row.sizeBytes,
    sha256: row.sha256,
    createdAt: row.createdAt.toISOString(),
    url: casePhotoPath(row.caseId, row.id),
  };
}

const PHOTO_COLUMNS = {
  id: casePhotos.id,
  caseId: casePhotos.caseId,
  requestId: casePhotos.requestId,
  takenBy: casePhotos.takenBy,
  mime: casePhotos.mime,
  width: casePhotos.width,
  height: casePhotos.height,
  sizeBytes: casePhotos.sizeBytes,
  sha256: casePhotos.sha256,
  createdAt: casePhotos.createdAt,
};

async function photoIdFor(deps: Pick<Deps, 'db'>, requestId: string): Promise<string | null> {
  const [photo] = await deps.db.select({ id: casePhotos.id }).from(casePhotos).where(eq(casePhotos.requestId, requestId));
  return photo?.id ?? null;
}

function announce(deps: Deps, row: RequestRow, photoId: string | null = null): PhotoRequest {
  const request = toPhotoRequest(row, photoId);
  deps.events.photoRequestChanged({ caseId: row.caseId, request });
  deps.events.caseChanged(row.caseId);
  return request;
}

/**
 * "Ask for a photo": only the clinician hosting the call, while the parent is in it. A newer
 * request replaces one still waiting (the parent answers one at a time).
 */
export async function requestPhoto(deps: Deps, staff: StaffPrincipal, callId: string, subject: string | null): Promise<PhotoRequest> {
  if (staff.role !== 'clinician') throw forbidden('Only a clinician can ask for a photo.');
  const [call] = await deps.db.select().from(calls).where(eq(calls.id, callId));
  if (!call) throw notFound('That call');
  const participants = await deps.db.select().from(callParticipants).where(eq(callParticipants.callId, callId));
  if (!participants.some((p) => p.role === 'clinician' && p.userId === staff.userId)) throw forbidden('Only the clinician hosting this call can ask for a photo.');
  const parent = participants.find((p) => p.role === 'parent');
  if (call.state === 'ended' || !parent || !isInMedia(parent)) {
    throw new AppError('CALL_STATE_CONFLICT', 'A photo can be asked for only while the parent is in the video call.');
  }
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    await tx
      .update(photoRequests)
      .set({ state: 'cancelled', updatedAt: now })
      .where(and(eq(photoRequests.callId, callId), inArray(photoRequests.state, [...OPEN_REQUEST_STATES])));
    const [inserted] = await tx
      .insert(photoRequests)
      .values({ caseId: call.caseId, callId, requestedBy: staff.userId, subject, requestedAt: now, updatedAt: now })
      .returning();
    await writeAudit(tx, {
      actor: staffActor(staff.userId),
      action: 'photo_requested',
      subject: `case:${call.caseId}`,
      detail: { requestId: inserted!.id, callId, withSubject: subject !== null },
      at: now,
    });
    return inserted!;
  });
  return announce(deps, row);
}

/** The parent's own open request in their call, or a refusal (audited: a photo nobody asked for is news). */
async function openRequestOf(deps: Deps, joiner: JoinPrincipal, requestId: string): Promise<RequestRow> {
  if (joiner.role !== 'parent') throw forbidden('Only the parent can answer a photo request.');
  const [row] = await deps.db.select().from(photoRequests).where(eq(photoRequests.id, requestId));
  // Another call's request is not this page's business: not found, as if it did not exist.
  if (!row || row.callId !== joiner.callId) throw notFound('That photo request');
  const [call] = await deps.db.select({ state: calls.state }).from(calls).where(eq(calls.id, row.callId));
  const [me] = await deps.db.select({ state: callParticipants.state }).from(callParticipants).where(eq(callParticipants.id, joiner.participantId));
  const open = (OPEN_REQUEST_STATES as readonly string[]).includes(row.state);
  if (!open || !call || call.state === 'ended' || !me || !isInMedia(me)) {
    await writeAudit(deps.db, {
      actor: joinActor(joiner),
      action: 'photo_refused',
      subject: `case:${row.caseId}`,
      detail: { requestId, code: 'PHOTO_NOT_REQUESTED', requestState: row.state },
    });
    throw new AppError('PHOTO_NOT_REQUESTED', 'The nurse is not asking for a photo now.');
  }
  return row;
}

/** "Don't send": the parent says no; the desk is told. */
export async function declinePhoto(deps: Deps, joiner: JoinPrincipal, requestId: string): Promise<PhotoRequest> {
  const row = await openRequestOf(deps, joiner, requestId);
  const now = deps.clock.now();
  const [updated] = await deps.db.transaction(async (tx) => {
    const rows = await tx
      .update(photoRequests)
      .set({ state: 'declined', updatedAt: now })
      .where(and(eq(photoRequests.id, row.id), inArray(photoRequests.state, [...OPEN_REQUEST_STATES])))
      .returning();
    if (rows.length) {
      await writeAudit(tx, { actor: joinActor(joiner), action: 'photo_declined', subject: `case:${row.caseId}`, detail: { requestId }, at: now });
    }
    return rows;
  });
  if (!updated) throw new AppError('PHOTO_NOT_REQUESTED', 'The nurse is not asking for a photo now.');
  return announce(deps, updated);
}

/** Checked before the body is read: only the parent with an open request of their call may send. */
export async function checkUploadAllowed(deps: Deps, joiner: JoinPrincipal, requestId: string): Promise<void> {
  await openRequestOf(deps, joiner, requestId);
}

/** A photo the server would not keep: the request is marked failed (the parent may try again) and both sides are told. */
export async function refuseUpload(deps: Deps, joiner: JoinPrincipal, requestId: string, error: AppError): Promise<void> {
  const now = deps.clock.now();
  const rows = await deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(photoRequests)
      .set({ state: 'failed', failureCode: error.code, failureMessage: error.message, updatedAt: now })
      .where(and(eq(photoRequests.id, requestId), eq(photoRequests.callId, joiner.callId), inArray(photoRequests.state, [...OPEN_REQUEST_STATES])))
      .returning();
    const caseId = updated[0]?.caseId ?? joiner.caseId;
    await writeAudit(tx, { actor: joinActor(joiner), action: 'photo_refused', subject: `case:${caseId}`, detail: { requestId, code: error.code }, at: now });
    return updated;
  });
  if (rows[0]) announce(deps, rows[0]);
}

/**
 * "Send photo": the parent's consent and the photo together. Re-encoded without metadata, stored
 * with the case, the request marked received, all in one transaction with its audit row.
 */
export async function receivePhoto(deps: Deps, joiner: JoinPrincipal, requestId: string, body: Buffer): Promise<PhotoReceipt> {
  const row = await openRequestOf(deps, joiner, requestId);
  let image;
  try {
    image = await reencodePhoto(body);
  } catch (error) {
    if (error instanceof AppError) await refuseUpload(deps, joiner, requestId, error);
    throw error;
  }
  const sha256 = createHash('sha256').update(image.data).digest('hex');
  const now = deps.clock.now();
  const stored = await deps.db.transaction(async (tx) => {
    const [received] = await tx
      .update(photoRequests)
      .set({ state: 'received', failureCode: null, failureMessage: null, updatedAt: now })
      .where(and(eq(photoRequests.id, row.id), inArray(photoRequests.state, [...OPEN_REQUEST_STATES])))
      .returning();
    // Declined, replaced or sent from another tab while this one was being re-encoded.
    if (!received) return null;
    const [photo] = await tx
      .insert(casePhotos)
      .values({
        caseId: row.caseId,
        requestId: row.id,
        takenBy: joiner.participantId,
        mime: image.mime,
        width: image.width,
        height: image.height,
        sizeBytes: image.data.length,
        sha256,
        bytes: image.data,
        createdAt: now,
      })
      .returning({ id: casePhotos.id });
    await writeAudit(tx, {
      actor: joinActor(joiner),
      action: 'photo_received',
      subject: `case:${row.caseId}`,
      detail: { requestId, photoId: photo!.id, consent: 'parent_pressed_send', width: image.width, height: image.height, bytes: image.data.length, sha256 },
      at: now,
    });
    return { request: received, photoId: photo!.id };
  });
  if (!stored) throw new AppError('PHOTO_NOT_REQUESTED', 'The nurse is not asking for a photo now.');
  announce(deps, stored.request, stored.photoId);
  return { received: true, width: image.width, height: image.height };
}

/** The case's photos, oldest first: metadata only (supervisors see that a photo exists). */
export async function listCasePhotos(deps: Pick<Deps, 'db'>, caseId: string): Promise<CasePhoto[]> {
  const rows = await deps.db.select(PHOTO_COLUMNS).from(casePhotos).where(eq(casePhotos.caseId, caseId)).orderBy(asc(casePhotos.createdAt), asc(casePhotos.id));
  return rows.map(toCasePhoto);
}

/** The latest photo request of the case's call that is not over (what the desk's button shows). */
export async function currentPhotoRequest(deps: Pick<Deps, 'db'>, caseId: string): Promise<PhotoRequest | null> {
  const [row] = await deps.db
    .select({ request: photoRequests })
    .from(photoRequests)
    .innerJoin(calls, eq(calls.id, photoRequests.callId))
    .where(and(eq(photoRequests.caseId, caseId), ne(calls.state, 'ended')))
    .orderBy(desc(photoRequests.requestedAt))
    .limit(1);
  if (!row) return null;
  return toPhotoRequest(row.request, row.request.state === 'received' ? await photoIdFor(deps, row.request.id) : null);
}

/** The image, for a clinician; each view is audited. */
export async function readCasePhoto(deps: Deps, staff: StaffPrincipal, caseId: string, photoId: string): Promise<{ bytes: Buffer; mime: string; sha256: string }> {
  const [row] = await deps.db
    .select({ bytes: casePhotos.bytes, mime: casePhotos.mime, sha256: casePhotos.sha256 })
    .from(casePhotos)
    .where(and(eq(casePhotos.id, photoId), eq(casePhotos.caseId, caseId)));
  if (!row) throw notFound('That photo');
  await writeAudit(deps.db, { actor: staffActor(staff.userId), action: 'photo_viewed', subject: `case:${caseId}`, detail: { photoId } });
  return row;
}

/** The request of this call the parent can still answer, if any. */
export async function openPhotoRequestOfCall(deps: Pick<Deps, 'db'>, callId: string): Promise<PhotoRequest | null> {
  const [row] = await deps.db
    .select()
    .from(photoRequests)
    .where(and(eq(photoRequests.callId, callId), inArray(photoRequests.state, [...OPEN_REQUEST_STATES])))
    .orderBy(desc(photoRequests.requestedAt))
    .limit(1);
  return row ? toPhotoRequest(row) : null;
}
