import { DEFAULT_PARENT_LANGUAGE, isParentLanguage, participantRoles, type JoinInfo, type JoinSession } from '@desk/shared';
import type { Reader } from '../../lib/api';
import { isRecord, isStringOrNull, oneOf } from '../../lib/guards';

/**
 * Readers for what the join routes answer, without zod (the parent's page carries none; the
 * server validates what it sends). Each checks exactly the fields the page uses and throws on
 * anything else, so a drifting server still shows up here and not deep in a component.
 */

class WireShapeError extends Error {
  constructor(what: string) {
    super(`The server sent a ${what} this page does not understand`);
    this.name = 'WireShapeError';
  }
}

const isRole = oneOf(participantRoles);
const isIntOrNull = (value: unknown): value is number | null => value === null || Number.isInteger(value);

function readInfo(json: unknown, what: string): JoinInfo & Record<string, unknown> {
  if (
    !isRecord(json) ||
    !isRole(json.role) ||
    typeof json.childFirstName !== 'string' ||
    !isIntOrNull(json.childAgeMonths) ||
    !isStringOrNull(json.clinicianName) ||
    !isStringOrNull(json.guestName) ||
    typeof json.service !== 'string'
  ) {
    throw new WireShapeError(what);
  }
  const { role, childFirstName, childAgeMonths, clinicianName, guestName, service } = json;
  // A server from before issue 12 sends no language: English, as the page has always been.
  const language = isParentLanguage(json.language) ? json.language : DEFAULT_PARENT_LANGUAGE;
  return { ...json, role, childFirstName, childAgeMonths, clinicianName, guestName, service, language };
}

export const joinInfoReader: Reader<JoinInfo> = {
  parse(json) {
    const { role, childFirstName, childAgeMonths, clinicianName, guestName, service, language } = readInfo(json, 'link preview');
    return { role, childFirstName, childAgeMonths, clinicianName, guestName, service, language };
  },
};

export const joinSessionReader: Reader<JoinSession> = {
  parse(json) {
    const info = readInfo(json, 'join session');
    const { caseId, callId, participantId, iceServers } = info;
    if (!isStringOrNull(caseId) || typeof callId !== 'string' || typeof participantId !== 'string' || !Array.isArray(iceServers)) {
      throw new WireShapeError('join session');
    }
    const servers = iceServers.filter(isIceServer);
    const { role, childFirstName, childAgeMonths, clinicianName, guestName, service, language } = info;
    return { role, childFirstName, childAgeMonths, clinicianName, guestName, service, language, caseId, callId, participantId, iceServers: servers };
  },
};

function isIceServer(value: unknown): value is JoinSession['iceServers'][number] {
  if (!isRecord(value)) return false;
  const { urls, username, credential } = value;
  const urlsOk = typeof urls === 'string' || (Array.isArray(urls) && urls.every((u) => typeof u === 'string'));
  return urlsOk && (username === undefined || typeof username === 'string') && (credential === undefined || typeof credential === 'string');
}
