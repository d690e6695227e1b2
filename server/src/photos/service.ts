import { createHash } from 'node:crypto';
import { casePhotoPath, isInMedia, type CasePhoto, type ParentAsk, type PhotoReceipt, type PhotoRequest } from '@desk/shared';
import { and, asc, eq, ne } from 'drizzle-orm';
import { currentAsk } from '../asks/service.js';
import { joinActor, staffActor, writeAudit } from '../audit/audit.js';
import type { JoinPrincipal, StaffPrincipal } from '../auth/sessions.js';
import { callAsks, callParticipants, calls, casePhotos, photoRequests } from '../db/schema.js';
import type { Deps } from '../http/context.js';
import { AppError, forbidden, notFound } from '../http/errors.js';
import { reencodePhoto, type StoredImage } from './image.js';

/**
 * Still photos with consent (docs/security.md, "Photos"). The clinician asks in a call (an ask of
 * kind `photo`, server/src/asks); the parent's "Send photo" is their consent and the upload in one; the server keeps only a re-encoded copy with
 * no metadata, in the database, and only clinicians read it. Every step is an audit row.
 */

type AskRow = typeof callAsks.$inferSelect;
type PhotoRow = Omit<typeof casePhotos.$inferSelect, 'bytes'>;
type Failure = { code: string; message: string } | null;

/** A photo ask as the photo feature tells it: asked, failed (a photo sent was refused), declined, received, or cancelled (closed). */
export function toPhotoRequest(ask: ParentAsk, failure: Failure, photoId: string | null): PhotoRequest {
  const state: PhotoRequest['state'] =
    ask.state === 'open' ? (failure ? 'failed' : 'asked') : ask.state === 'declined' ? 'declined' : ask.state === 'accepted' ? 'received' : 'cancelled';
  return {
    id: ask.id,
    callId: ask.callId,
    state,
    subject: ask.request.kind === 'photo' ? (ask.request.subject ?? null) : null,
    requestedAt: ask.askedAt,
    photoId: state === 'received' ? photoId : null,
    failure: state === 'failed' ? failure : null,
  };
}

/** The photo feature's view of a photo ask: its refusal, if any, and its photo, if received. */
export async function photoRequestOf(deps: Pick<Deps, 'db'>, ask: ParentAsk): Promise<PhotoRequest> {
  const [[failure], [photo]] = await Promise.all([
    deps.db.select({ code: photoRequests.failureCode, message: photoRequests.failureMessage }).from(photoRequests).where(eq(photoRequests.askId, ask.id)),
    deps.db.select({ id: casePhotos.id }).from(casePhotos).where(eq(casePhotos.requestId, ask.id)),
  ]);
  return toPhotoRequest(ask, failure?.code ? { code: failure.code, message: failure.message ?? '' } : null, photo?.id ?? null);
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

/** Both screens hear what changed (the signalling layer sends the call's ask and this photo's status). */
function announce(deps: Deps, caseId: string, callId: string): void {
  deps.events.photoRequestChanged({ caseId, callId });
  deps.events.caseChanged(caseId);
}

/** The parent's own open photo ask in their call, or a refusal (audited: a photo nobody asked for is news). */
async function openRequestOf(deps: Deps, joiner: JoinPrincipal, askId: string): Promise<AskRow> {
  if (joiner.role !== 'parent') throw forbidden('Only the parent can send a photo.');
  const [row] = await deps.db.select().from(callAsks).where(eq(callAsks.id, askId));
  // Another call's ask, or an ask that is not for a photo, is not this page's business: not found.
  if (!row || row.callId !== joiner.callId || row.kind !== 'photo') throw notFound('That photo request');
  const [call] = await deps.db.select({ state: calls.state }).from(calls).where(eq(calls.id, row.callId));
  const [me] = await deps.db.select({ state: callParticipants.state }).from(callParticipants).where(eq(callParticipants.id, joiner.participantId));
  if (row.state !== 'open' || !call || call.state === 'ended' || !me || !isInMedia(me)) {
    await writeAudit(deps.db, {
      actor: joinActor(joiner),
      action: 'photo_refused',
      subject: `case:${joiner.caseId}`,
      detail: { askId, code: 'PHOTO_NOT_REQUESTED', askState: row.state },
    });
    throw new AppError('PHOTO_NOT_REQUESTED', 'The nurse is not asking for a photo now.');
  }
  return row;
}

/** Checked before the body is read: only the parent with an open request of their call may send. */
export async function checkUploadAllowed(deps: Deps, joiner: JoinPrincipal, requestId: string): Promise<void> {
  await openRequestOf(deps, joiner, requestId);
}

/** A photo the server would not keep: the ask stays open (the parent may try again), the reason is kept, and both sides are told. */
export async function refuseUpload(deps: Deps, joiner: JoinPrincipal, askId: string, error: AppError): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(photoRequests)
      .values({ askId, caseId: joiner.caseId, failureCode: error.code, failureMessage: error.message, updatedAt: now })
      .onConflictDoUpdate({ target: photoRequests.askId, set: { failureCode: error.code, failureMessage: error.message, updatedAt: now } });
    await writeAudit(tx, { actor: joinActor(joiner), action: 'photo_refused', subject: `case:${joiner.caseId}`, detail: { askId, code: error.code }, at: now });
  });
  announce(deps, joiner.caseId, joiner.callId);
}

/**
 * "Send photo": the parent's consent and the photo together. Re-encoded without metadata, stored
 * with the case, the request marked received, all in one transaction with its audit row.
 */
export async function receivePhoto(deps: Deps, joiner: JoinPrincipal, requestId: string, body: Buffer): Promise<PhotoReceipt> {
  const row = await openRequestOf(deps, joiner, requestId);
  let image: StoredImage;
  try {
    image = await reencodePhoto(body);
  } catch (error) {
    if (error instanceof AppError) await refuseUpload(deps, joiner, requestId, error);
    throw error;
  }
  const sha256 = createHash('sha256').update(image.data).digest('hex');
  const now = deps.clock.now();
  const stored = await deps.db.transaction(async (tx) => {
    // The call's row first, as every change to its asks: a new ask cannot close this one halfway.
    await tx.select({ id: calls.id }).from(calls).where(eq(calls.id, row.callId)).for('update');
    const [received] = await tx
      .update(callAsks)
      .set({ state: 'accepted', answeredAt: now })
      .where(and(eq(callAsks.id, row.id), eq(callAsks.state, 'open')))
      .returning({ id: callAsks.id });
    // Declined, replaced or sent from another tab while this one was being re-encoded.
    if (!received) return null;
    const [photo] = await tx
      .insert(casePhotos)
      .values({
        caseId: joiner.caseId,
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
    await tx.delete(photoRequests).where(eq(photoRequests.askId, row.id));
    const actor = joinActor(joiner);
    const subject = `case:${joiner.caseId}`;
    await writeAudit(tx, { actor, action: 'ask_answered', subject, at: now, detail: { callId: row.callId, askId: row.id, kind: 'photo', answer: 'accepted' } });
    await writeAudit(tx, {
      actor,
      action: 'photo_received',
      subject,
      detail: { askId: row.id, photoId: photo!.id, consent: 'parent_pressed_send', width: image.width, height: image.height, bytes: image.data.length, sha256 },
      at: now,
    });
    return photo!.id;
  });
  if (!stored) throw new AppError('PHOTO_NOT_REQUESTED', 'The nurse is not asking for a photo now.');
  announce(deps, joiner.caseId, joiner.callId);
  return { received: true, width: image.width, height: image.height };
}

/** The case's photos, oldest first: metadata only (supervisors see that a photo exists). */
export async function listCasePhotos(deps: Pick<Deps, 'db'>, caseId: string): Promise<CasePhoto[]> {
  const rows = await deps.db.select(PHOTO_COLUMNS).from(casePhotos).where(eq(casePhotos.caseId, caseId)).orderBy(asc(casePhotos.createdAt), asc(casePhotos.id));
  return rows.map(toCasePhoto);
}

/** The photo ask of the case's open call, if its current ask is one (what the desk's button shows). */
export async function currentPhotoRequest(deps: Pick<Deps, 'db'>, caseId: string): Promise<PhotoRequest | null> {
  const [call] = await deps.db.select({ id: calls.id }).from(calls).where(and(eq(calls.caseId, caseId), ne(calls.state, 'ended'))).limit(1);
  const ask = call ? await currentAsk(deps.db, call.id) : null;
  return ask?.request.kind === 'photo' ? photoRequestOf(deps, ask) : null;
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
