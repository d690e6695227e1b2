import type { InviteResponse, JoinInfo, ParentSession } from '@desk/shared';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { parentActor, staffActor, writeAudit } from '../audit/audit.js';
import { createSession, type ParentPrincipal, type StaffPrincipal } from '../auth/sessions.js';
import { hashToken, newToken } from '../auth/tokens.js';
import { callSummaryOf, findCase } from '../cases/service.js';
import { cases, invites, users } from '../db/schema.js';
import type { Deps } from '../http/context.js';
import { AppError, forbidden } from '../http/errors.js';
import { iceServersFor } from '../signalling/ice.js';
import { sendSms } from '../sms/outbox.js';

export const INVITE_TTL_MS = 10 * 60 * 1000;
export const SERVICE_NAME = "NHS 111 children's team";

const linkExpired = () =>
  new AppError('LINK_EXPIRED', 'This video link has expired or has already been used. Stay on the phone and ask for a new link.');

/** The words of the SMS. The child is not named: a mistyped number must not learn who is ill. */
export function inviteSmsBody(link: string): string {
  return `NHS 111: the nurse you are speaking to would like to see your child on a video call. Tap to join: ${link} The link works once and expires in 10 minutes. The video is not recorded.`;
}

export async function createInvite(deps: Deps, staff: StaffPrincipal, caseId: string, origin: string): Promise<InviteResponse> {
  const row = await findCase(deps, caseId);
  if (row.assignedClinicianId !== staff.userId) throw forbidden('Only the clinician assigned to this case can send a video link.');
  if (row.callerPhoneKind !== 'mobile') {
    throw new AppError('MOBILE_REQUIRED', 'The video link needs a mobile number. Carry on by phone, or ask for a mobile number.');
  }
  const now = deps.clock.now();
  const call = await deps.calls.openCallForCase(caseId);
  const token = newToken();
  const link = `${origin}/join/${token}`;
  const invite = await deps.db.transaction(async (tx) => {
    // Only the newest link works: a forwarded or mistyped older one is dead.
    await tx
      .update(invites)
      .set({ revokedAt: now })
      .where(and(eq(invites.caseId, caseId), isNull(invites.usedAt), isNull(invites.revokedAt)));
    const [created] = await tx
      .insert(invites)
      .values({
        caseId,
        callId: call.id,
        tokenHash: hashToken(token),
        sentTo: row.callerPhone,
        expiresAt: new Date(now.getTime() + INVITE_TTL_MS),
        createdBy: staff.userId,
        createdAt: now,
      })
      .returning();
    return created!;
  });
  const sms = await sendSms(deps, { caseId, to: row.callerPhone, body: inviteSmsBody(link), link, template: 'video_invite' });
  await writeAudit(deps.db, {
    actor: staffActor(staff.userId),
    action: 'invite_sent',
    subject: `case:${caseId}`,
    detail: { inviteId: invite.id, callId: call.id, smsId: sms.id, smsStatus: sms.status },
  });
  const updatedCall = (await deps.calls.applyIfValid(call.id, { type: 'INVITE_SENT' }, staffActor(staff.userId))) ?? call;
  deps.events.caseChanged(caseId);
  return {
    inviteId: invite.id,
    expiresAt: invite.expiresAt.toISOString(),
    sms,
    call: callSummaryOf(updatedCall),
    ...(deps.config.production ? {} : { devJoinLink: link }),
  };
}

type LiveInvite = { invite: typeof invites.$inferSelect; childFirstName: string; clinicianName: string | null };

async function findInvite(deps: Pick<Deps, 'db'>, token: string): Promise<LiveInvite | null> {
  const [row] = await deps.db
    .select({ invite: invites, childFirstName: cases.childFirstName, clinicianName: users.displayName })
    .from(invites)
    .innerJoin(cases, eq(cases.id, invites.caseId))
    .leftJoin(users, eq(users.id, invites.createdBy))
    .where(eq(invites.tokenHash, hashToken(token)));
  return row ?? null;
}

function isLive(invite: typeof invites.$inferSelect, now: Date): boolean {
  return !invite.usedAt && !invite.revokedAt && invite.expiresAt > now;
}

/** What the join page shows before the tap. Consumes nothing: SMS apps prefetch links. */
export async function previewInvite(deps: Deps, token: string): Promise<JoinInfo> {
  const found = await findInvite(deps, token);
  if (!found || !isLive(found.invite, deps.clock.now())) throw linkExpired();
  return { childFirstName: found.childFirstName, clinicianName: found.clinicianName, service: SERVICE_NAME };
}

/** The parent's tap: the one-time token becomes a parent session bound to this case's call. */
export async function exchangeInvite(deps: Deps, token: string, requestId: string): Promise<{ session: ParentSession; cookieToken: string; maxAgeMs: number }> {
  const now = deps.clock.now();
  const [used] = await deps.db
    .update(invites)
    .set({ usedAt: now })
    .where(and(eq(invites.tokenHash, hashToken(token)), isNull(invites.usedAt), isNull(invites.revokedAt), gt(invites.expiresAt, now)))
    .returning();
  if (!used) {
    const found = await findInvite(deps, token);
    await writeAudit(deps.db, {
      actor: 'anonymous',
      action: 'join_refused',
      subject: found ? `case:${found.invite.caseId}` : null,
      detail: { requestId, why: !found ? 'unknown' : found.invite.usedAt ? 'used' : found.invite.revokedAt ? 'revoked' : 'expired' },
    });
    // A link that timed out unused is worth showing on the desk: the clinician sends a new one.
    if (found && !found.invite.usedAt && !found.invite.revokedAt) {
      await deps.calls.applyIfValid(found.invite.callId, { type: 'LINK_EXPIRED' }, 'system');
    }
    throw linkExpired();
  }
  const created = await createSession(deps.db, { kind: 'parent', inviteId: used.id }, now);
  await writeAudit(deps.db, {
    actor: parentActor(created.sessionId),
    action: 'join',
    subject: `case:${used.caseId}`,
    detail: { inviteId: used.id, callId: used.callId },
  });
  const session = await parentSession(deps, {
    kind: 'parent',
    sessionId: created.sessionId,
    inviteId: used.id,
    caseId: used.caseId,
    callId: used.callId,
  });
  return { session, cookieToken: created.token, maxAgeMs: created.maxAgeMs };
}

export async function parentSession(deps: Deps, parent: ParentPrincipal): Promise<ParentSession> {
  const [row] = await deps.db
    .select({ childFirstName: cases.childFirstName, clinicianName: users.displayName })
    .from(invites)
    .innerJoin(cases, eq(cases.id, invites.caseId))
    .leftJoin(users, eq(users.id, invites.createdBy))
    .where(eq(invites.id, parent.inviteId));
  if (!row) throw linkExpired();
  return {
    caseId: parent.caseId,
    callId: parent.callId,
    childFirstName: row.childFirstName,
    clinicianName: row.clinicianName,
    service: SERVICE_NAME,
    iceServers: iceServersFor(deps.config, deps.clock.now(), `parent-${parent.sessionId}`),
  };
}

export async function latestInviteForCase(deps: Pick<Deps, 'db'>, caseId: string) {
  const [row] = await deps.db.select().from(invites).where(eq(invites.caseId, caseId)).orderBy(desc(invites.createdAt)).limit(1);
  return row ?? null;
}
