import {
  DEFAULT_PARENT_LANGUAGE,
  ROLE_LABEL,
  browserVerdict,
  isGuestRole,
  parseUkPhone,
  type BrowserCapability,
  type GuestRole,
  type InviteResponse,
  type JoinInfo,
  type JoinSession,
  type ParentLanguage,
} from '@desk/shared';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { joinActor, staffActor, writeAudit } from '../audit/audit.js';
import { createSession, type JoinPrincipal, type StaffPrincipal } from '../auth/sessions.js';
import { hashToken, newToken } from '../auth/tokens.js';
import type { ParticipantRow } from '../calls/service.js';
import { recordParentLanguage } from '../cases/parent-language.js';
import { findCase } from '../cases/service.js';
import { callParticipants, cases, invites, users } from '../db/schema.js';
import type { Deps } from '../http/context.js';
import { AppError, forbidden } from '../http/errors.js';
import { joinLink } from '../http/links.js';
import { stunServersFor } from '../signalling/ice.js';
import { enqueueSms, toSmsSummary } from '../sms/outbox.js';
import { PARENT_INVITE_SMS, englishMinutes } from './invite-sms.js';

/** The default life of a one-time link (INVITE_TTL_SECONDS overrides it: docs/operations.md). */
export const INVITE_TTL_MS = 10 * 60 * 1000;

/** The link's life as the SMS says it: whole minutes, at least one. */
export function linkLifeMinutes(ttlMs: number): number {
  return Math.max(1, Math.round(ttlMs / 60_000));
}

/** The same in English words ("10 minutes"). */
export function ttlMinutes(ttlMs: number): string {
  return englishMinutes(linkLifeMinutes(ttlMs));
}
export const SERVICE_NAME = "NHS 111 children's team";

/**
 * 410 for a link that no longer works. For a link we sent a parent, `fields.language` says its
 * case's language, so the "expired or used" page a parent taps again speaks it (the SMS the link
 * came in was in that language already: it tells the holder nothing new). Guests' and unknown
 * links say nothing more.
 */
const linkExpired = (link?: Pick<LinkRow, 'language' | 'participant'> | null) =>
  new AppError(
    'LINK_EXPIRED',
    'This video link has expired or has already been used. Stay on the phone and ask for a new link.',
    link?.participant?.role === 'parent' ? { language: link.language } : undefined,
  );

/** The words of the parent's SMS, in the case's language (invite-sms.ts). The child is not named: a mistyped number must not learn who is ill. */
export function inviteSmsBody(link: string, ttlMs = INVITE_TTL_MS, language: ParentLanguage = DEFAULT_PARENT_LANGUAGE): string {
  return PARENT_INVITE_SMS[language].body(link, linkLifeMinutes(ttlMs));
}

/** The words of a colleague's SMS, always English: who asks, in what role; nothing about the child. */
export function guestInviteSmsBody(link: string, invitedBy: string, role: GuestRole, ttlMs = INVITE_TTL_MS): string {
  return `NHS 111: ${invitedBy} has invited you to join a children's video call as the ${ROLE_LABEL[role].toLowerCase()}. Tap to join: ${link} The link works once and expires in ${ttlMinutes(ttlMs)}.`;
}

export type GuestInvite = { role: GuestRole; name: string; phone: string };

/**
 * Sends a one-time link: to the parent (no guest given) or to a colleague. A new link replaces only
 * the same person's older unused links: a guest invite never revokes the parent's, or another guest's.
 */
export async function createInvite(deps: Deps, staff: StaffPrincipal, caseId: string, guest: GuestInvite | null): Promise<InviteResponse> {
  const row = await findCase(deps, caseId);
  if (row.assignedClinicianId !== staff.userId) throw forbidden('Only the clinician assigned to this case can send a video link.');
  const phone = guest ? parseUkPhone(guest.phone) : { e164: row.callerPhone, kind: row.callerPhoneKind };
  if (!phone || phone.kind !== 'mobile') {
    throw new AppError(
      'MOBILE_REQUIRED',
      guest ? 'The link is sent by text message: give a mobile number.' : 'The video link needs a mobile number. Carry on by phone, or ask for a mobile number.',
    );
  }
  const call = await deps.calls.openCallForCase(caseId, { userId: staff.userId, displayName: staff.displayName });
  const participant = guest ? await deps.calls.guestFor(call.id, { ...guest, phone: phone.e164 }) : await deps.calls.parentOf(call.id, row.relationship);

  const now = deps.clock.now();
  const token = newToken();
  const link = joinLink(deps.config, token);
  const ttlMs = deps.config.inviteTtlMs;
  // Colleagues work in English; the parent reads the case's language.
  const body = guest ? guestInviteSmsBody(link, staff.displayName, guest.role, ttlMs) : inviteSmsBody(link, ttlMs, row.preferredLanguage);
  // The invite and its SMS commit together: no link without its message, no message for a link that was never stored.
  const { invite, smsRow } = await deps.db.transaction(async (tx) => {
    // Only this person's newest link works: a forwarded or mistyped older one is dead.
    await tx
      .update(invites)
      .set({ revokedAt: now })
      .where(and(eq(invites.participantId, participant.id), isNull(invites.usedAt), isNull(invites.revokedAt)));
    const [created] = await tx
      .insert(invites)
      .values({
        caseId,
        callId: call.id,
        participantId: participant.id,
        tokenHash: hashToken(token),
        sentTo: phone.e164,
        expiresAt: new Date(now.getTime() + deps.config.inviteTtlMs),
        createdBy: staff.userId,
        createdAt: now,
      })
      .returning();
    // Worth sending only while the link works.
    const queued = await enqueueSms(tx, deps, { caseId, to: phone.e164, body, link, template: 'video_invite', sendBy: created!.expiresAt });
    return { invite: created!, smsRow: queued };
  });
  deps.events.smsQueued();
  const sms = toSmsSummary(smsRow);
  await writeAudit(deps.db, {
    actor: staffActor(staff.userId),
    action: 'invite_sent',
    subject: `case:${caseId}`,
    detail: { inviteId: invite.id, callId: call.id, participantId: participant.id, role: participant.role, smsId: sms.id, smsStatus: sms.status },
  });
  const actor = staffActor(staff.userId);
  if (guest) await deps.calls.apply(call.id, { type: 'GUEST_INVITED', participantId: participant.id }, actor);
  else await deps.calls.applyIfValid(call.id, { type: 'INVITE_SENT', linkExpiresAt: invite.expiresAt.getTime() }, actor);
  deps.events.caseChanged(caseId);
  const summary = await deps.calls.summaryOf((await deps.calls.byId(call.id))!);
  return {
    inviteId: invite.id,
    participant: summary.participants.find((p) => p.id === participant.id)!,
    expiresAt: invite.expiresAt.toISOString(),
    sms,
    call: summary,
    ...(deps.config.production ? {} : { devJoinLink: link }),
  };
}

type LinkRow = {
  invite: typeof invites.$inferSelect;
  participant: ParticipantRow | null;
  childFirstName: string;
  childAgeMonths: number;
  language: ParentLanguage;
  clinicianName: string | null;
};

async function findInvite(deps: Pick<Deps, 'db'>, where: ReturnType<typeof eq>): Promise<LinkRow | null> {
  const [row] = await deps.db
    .select({
      invite: invites,
      participant: callParticipants,
      childFirstName: cases.childFirstName,
      childAgeMonths: cases.childAgeMonths,
      language: cases.preferredLanguage,
      clinicianName: users.displayName,
    })
    .from(invites)
    .innerJoin(cases, eq(cases.id, invites.caseId))
    .leftJoin(callParticipants, eq(callParticipants.id, invites.participantId))
    .leftJoin(users, eq(users.id, invites.createdBy))
    .where(where);
  return row ?? null;
}

function isLive(invite: typeof invites.$inferSelect, now: Date): boolean {
  return !invite.usedAt && !invite.revokedAt && invite.expiresAt > now;
}

/** What the join page shows: the parent learns who is calling, in the case's language; a guest also learns the child's age and the name they were invited by. */
function joinInfoOf(link: LinkRow): JoinInfo {
  const role = link.participant?.role ?? 'parent';
  const guest = isGuestRole(role);
  return {
    role,
    childFirstName: link.childFirstName,
    childAgeMonths: guest ? link.childAgeMonths : null,
    clinicianName: link.clinicianName,
    guestName: guest ? (link.participant?.displayName ?? null) : null,
    service: SERVICE_NAME,
    // Colleagues work in English; the parent reads the case's language.
    language: guest ? DEFAULT_PARENT_LANGUAGE : link.language,
  };
}

/**
 * What the join page shows before the tap. Consumes nothing: SMS apps prefetch links. A page that
 * checked its browser says what it found: recorded on the invite, and a browser that cannot hold
 * the call tells the desk why at once (the parent has no session yet to say it with).
 */
export async function previewInvite(deps: Deps, token: string, capability?: BrowserCapability): Promise<JoinInfo> {
  const found = await findInvite(deps, eq(invites.tokenHash, hashToken(token)));
  const now = deps.clock.now();
  if (!found?.participant || !isLive(found.invite, now)) throw linkExpired(found);
  if (capability) {
    await deps.db.update(invites).set({ browserCapability: capability, browserCheckedAt: now }).where(eq(invites.id, found.invite.id));
    // No session yet: whoever holds the link is anonymous until the tap.
    const command = { type: 'LINK_OPENED', participantId: found.participant.id, verdict: browserVerdict(capability) } as const;
    await deps.calls.applyIfValid(found.invite.callId, command, 'anonymous');
  }
  return joinInfoOf(found);
}

/**
 * The parent picked another language on the join page: the case's language follows, so the desk
 * shows it and the safety-netting text goes in it. By the link (before the tap; nothing is used up)
 * or by the join session (after). A guest's page stays English.
 */
export async function chooseParentLanguage(
  deps: Deps,
  by: { token: string } | { joiner: JoinPrincipal },
  language: ParentLanguage,
): Promise<void> {
  let caseId: string;
  let actor: string;
  if ('token' in by) {
    const found = await findInvite(deps, eq(invites.tokenHash, hashToken(by.token)));
    if (!found?.participant || !isLive(found.invite, deps.clock.now())) throw linkExpired();
    if (isGuestRole(found.participant.role)) throw forbidden('A colleague’s video page is in English.');
    caseId = found.invite.caseId;
    actor = 'anonymous';
  } else {
    if (isGuestRole(by.joiner.role)) throw forbidden('A colleague’s video page is in English.');
    caseId = by.joiner.caseId;
    actor = joinActor(by.joiner);
  }
  await recordParentLanguage(deps, { caseId, actor, language, page: 'join' });
}

/** The tap: the one-time token becomes a join session bound to the participant the link was for. */
export async function exchangeInvite(
  deps: Deps,
  token: string,
  requestId: string,
  consentText?: string,
): Promise<{ session: JoinSession; cookieToken: string; maxAgeMs: number }> {
  const now = deps.clock.now();
  const [used] = await deps.db
    .update(invites)
    .set({ usedAt: now })
    .where(and(eq(invites.tokenHash, hashToken(token)), isNull(invites.usedAt), isNull(invites.revokedAt), gt(invites.expiresAt, now)))
    .returning();
  if (!used?.participantId) {
    const found = await findInvite(deps, eq(invites.tokenHash, hashToken(token)));
    await writeAudit(deps.db, {
      actor: 'anonymous',
      action: 'join_refused',
      subject: found ? `case:${found.invite.caseId}` : null,
      detail: { requestId, why: !found ? 'unknown' : found.invite.usedAt ? 'used' : found.invite.revokedAt ? 'revoked' : 'expired' },
    });
    // The parent's link timed out unused: the desk hears now rather than at the next sweep, and sends a new one.
    if (found && !found.invite.usedAt && !found.invite.revokedAt && found.participant?.role === 'parent') {
      await deps.calls.applyIfValid(found.invite.callId, { type: 'LINK_EXPIRED' }, 'system');
    }
    throw linkExpired(found);
  }
  const created = await createSession(deps.db, { kind: 'join', inviteId: used.id, participantId: used.participantId }, now);
  // Used: the link can no longer expire unused, however long the parent takes over the camera prompt.
  await deps.calls.applyIfValid(used.callId, { type: 'LINK_USED' }, 'system');
  const session = await joinSession(deps, { sessionId: created.sessionId, inviteId: used.id });
  await writeAudit(deps.db, {
    actor: joinActor({ role: session.role, sessionId: created.sessionId }),
    action: 'join',
    subject: `case:${used.caseId}`,
    detail: { inviteId: used.id, callId: used.callId, participantId: used.participantId, role: session.role },
  });
  // The tap came after the page said the video is not recorded and can be ended at any time: that is the consent, with the words' version.
  if (consentText) {
    await writeAudit(deps.db, {
      actor: joinActor({ role: session.role, sessionId: created.sessionId }),
      action: 'video_consent',
      subject: `case:${used.caseId}`,
      detail: { callId: used.callId, participantId: used.participantId, text: consentText },
    });
  }
  return { session, cookieToken: created.token, maxAgeMs: created.maxAgeMs };
}

/** The session as the join page uses it (after the exchange and on every reload). */
export async function joinSession(deps: Deps, joiner: Pick<JoinPrincipal, 'sessionId' | 'inviteId'>): Promise<JoinSession> {
  const found = await findInvite(deps, eq(invites.id, joiner.inviteId));
  if (!found?.participant) throw linkExpired();
  const info = joinInfoOf(found);
  return {
    ...info,
    caseId: info.role === 'parent' ? found.invite.caseId : null,
    callId: found.participant.callId,
    participantId: found.participant.id,
    // No TURN credentials before admission: the waiting room gets none (`call:ice`, once let in).
    iceServers: stunServersFor(deps.config),
  };
}
