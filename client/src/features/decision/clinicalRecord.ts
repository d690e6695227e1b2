import { COMPLAINT_LABEL, formatAge, formatUkPhone, londonParts, describeDisposition, type Case, type Decision } from '@desk/shared';
import { formatTimeOnDate } from '../../lib/format';
import { BAND_LABEL } from '../triage/BandTag';
import { digestFindings } from '../triage/findings';

/**
 * The signed outcome as plain text for the clinician to paste into the clinical record (issue 11,
 * "Copy for the clinical record"): one "Label: value" line each, always in this order, lines with
 * nothing to say left out, and who signed it when last. Pure: times are London's, whatever the browser's zone.
 */

/** Why a version sent no safety-netting SMS, in words the clinician can act on. */
export function noSmsText(decision: Decision, callerPhoneKind: Case['callerPhoneKind']): string {
  if (callerPhoneKind === 'landline') return 'No SMS: the caller is on a landline, so the advice is read to the parent.';
  if (decision.version > 1) {
    return 'No SMS for this version: an amendment texts the parent only when what they should do changes, and only for care at home, a pharmacy, a GP, or a referral chosen by override.';
  }
  return 'No SMS: safety-netting texts go for care at home, a pharmacy, a GP, or a referral chosen by override. Give the advice by phone.';
}

/** "Signed by Nurse Demo at 22:20 on 1 December 2026" (London time). */
export function signedLine(decision: Pick<Decision, 'signedBy' | 'signedAt'>): string {
  return `Signed by ${decision.signedBy} at ${formatTimeOnDate(decision.signedAt)}`;
}

const phone = (to: string) => (to.startsWith('+44') ? formatUkPhone(to) : to);

function safetyNettingText(decision: Decision, callerPhoneKind: Case['callerPhoneKind']): string {
  const sms = decision.safetyNettingSms;
  if (!sms) return noSmsText(decision, callerPhoneKind);
  const wall = londonParts(Date.parse(sms.createdAt));
  const at = `${wall.hour}:${wall.minute}`;
  const topic = decision.safetyNettingTopic ? ` (${decision.safetyNettingTopic.replaceAll('_', ' ')} advice)` : '';
  switch (sms.status) {
    case 'queued':
      return `SMS${topic} to ${phone(sms.to)} queued at ${at}, not yet sent`;
    case 'sent':
      return `SMS${topic} sent to ${phone(sms.to)} at ${at}`;
    case 'delivered':
      return `SMS${topic} sent to ${phone(sms.to)} at ${at}, delivered`;
    case 'failed':
      return `SMS${topic} to ${phone(sms.to)} failed (${sms.failureReason ?? 'not sent'}): give the advice by phone`;
  }
}

/** The features recorded present, red first, each band named: "Red: Grunting. Amber: Nasal flaring". */
function findingsText(decision: Decision, ageMonths: number): string | null {
  const digest = digestFindings(decision.findings, ageMonths);
  const groups = (['red', 'amber', 'green'] as const)
    .filter((band) => digest.byBand[band].length)
    .map((band) => `${BAND_LABEL[band]}: ${digest.byBand[band].join('; ')}`);
  if (digest.unbanded.length) groups.push(`Not banded: ${digest.unbanded.join('; ')}`);
  return groups.length ? groups.join('. ') : null;
}

function versionText(decision: Decision): string {
  if (decision.version === 1) return '1';
  const reason = decision.amendmentReason ? `. Reason for amendment: ${decision.amendmentReason}` : '';
  return `${decision.version} (amends version ${decision.version - 1})${reason}`;
}

export function clinicalRecordText(caseRecord: Case, decision: Decision): string {
  const lines: [string, string | null][] = [
    ['111 reference', caseRecord.reference],
    ['Child', caseRecord.childFirstName],
    ['Age', formatAge(caseRecord.childAgeMonths)],
    ['Presenting complaint', COMPLAINT_LABEL[caseRecord.complaint]],
    ['NG143 band at signing', BAND_LABEL[decision.band]],
    ['Findings recorded (on video or reported)', findingsText(decision, caseRecord.childAgeMonths)],
    ['Disposition', describeDisposition(decision.disposition, decision.timeframeHours)],
    ['Override', decision.overridden ? `below the NG143 route. Reason: ${decision.overrideReason ?? 'No reason recorded'}` : null],
    ["Children's Hub referral", decision.hubReferral ? `${decision.hubReferral.hub}. Reason: ${decision.hubReferral.reason}` : null],
    ['Specialist advice line', decision.adviceLine ? `spoke to ${decision.adviceLine.specialist}. Advice: ${decision.adviceLine.advice}` : null],
    ['Safety-netting advice', safetyNettingText(decision, caseRecord.callerPhoneKind)],
    ['Clinical notes', decision.notes.trim() || null],
    ['Version', versionText(decision)],
  ];
  return [
    'NHS 111 paediatric video desk: outcome',
    ...lines.filter((line): line is [string, string] => line[1] !== null).map(([label, value]) => `${label}: ${value}`),
    signedLine(decision),
  ].join('\n');
}
