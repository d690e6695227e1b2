import { caseSchema, decisionSchema } from '@desk/shared';
import { describe, expect, it } from 'vitest';
import { clinicalRecordText, signedLine } from '../src/features/decision/clinicalRecord';
import { nextOwnCase } from '../src/features/queue/caseListOrder';
import { formatTimeOnDate } from '../src/lib/format';
import { HUB_OVERRIDE, aCase, aDecision } from './helpers';

describe('formatTimeOnDate and signedLine (London time)', () => {
  it.each([
    ['2026-12-01T22:20:00.000Z', '22:20 on 1 December 2026'],
    // British Summer Time: an hour ahead of UTC, and past midnight it is the next day.
    ['2026-06-30T23:05:00.000Z', '00:05 on 1 July 2026'],
    ['2026-03-29T00:59:00.000Z', '00:59 on 29 March 2026'],
    ['2026-03-29T01:00:00.000Z', '02:00 on 29 March 2026'],
    ['2026-01-05T09:07:00.000Z', '09:07 on 5 January 2026'],
  ])('%s → %s', (iso, text) => {
    expect(formatTimeOnDate(iso)).toBe(text);
  });

  it('reads as a sentence', () => {
    expect(signedLine({ signedBy: 'Nurse Demo', signedAt: '2026-12-01T22:20:00.000Z' })).toBe('Signed by Nurse Demo at 22:20 on 1 December 2026');
  });
});

describe('clinicalRecordText', () => {
  const amelia = caseSchema.parse(aCase());

  it('lays out a plain outcome in the standard order, leaving out what does not apply', () => {
    const decision = decisionSchema.parse(
      aDecision({
        signedBy: 'Nurse Demo',
        signedAt: '2026-12-01T22:20:00.000Z',
        safetyNettingSms: { id: 's1', to: '+447700900123', status: 'sent', failureReason: null, createdAt: '2026-12-01T22:21:00.000Z' },
      }),
    );
    expect(clinicalRecordText(amelia, decision)).toBe(
      [
        'NHS 111 paediatric video desk: outcome',
        '111 reference: 111-ABC-123',
        'Child: Amelia',
        'Age: 2 years 2 months',
        'Presenting complaint: Fever',
        'NG143 band at signing: Not assessed',
        'Disposition: GP / primary care within 6 hours',
        'Safety-netting advice: SMS (fever advice) sent to 07700 900123 at 22:21',
        'Clinical notes: Well child, fever 2 days.',
        'Version: 1',
        'Signed by Nurse Demo at 22:20 on 1 December 2026',
      ].join('\n'),
    );
  });

  it('adds the findings present by band, the override and its reason, the referral and the amendment', () => {
    const decision = decisionSchema.parse(
      aDecision({
        version: 2,
        supersedesId: 'd1',
        amendmentReason: 'Spoke to the hub again.',
        ...HUB_OVERRIDE,
        signedAt: '2026-07-01T08:00:00.000Z',
      }),
    );
    const lines = clinicalRecordText(amelia, decision).split('\n');
    expect(lines).toContain('NG143 band at signing: Red');
    expect(lines).toContain('Findings recorded (on video or reported): Red: Grunting. Amber: Nasal flaring');
    expect(lines).toContain("Disposition: Referral: Connecting Care Children's Hub");
    expect(lines).toContain('Override: below the NG143 route. Reason: Known to the hub team; seen yesterday.');
    expect(lines).toContain("Children's Hub referral: North West London Children's Hub. Reason: Recurrent fevers.");
    expect(lines).toContain('Version: 2 (amends version 1). Reason for amendment: Spoke to the hub again.');
    expect(lines.at(-1)).toBe('Signed by Dr Sam Patel at 09:00 on 1 July 2026');
    expect(lines.map((line) => line.split(':')[0])).toEqual([
      'NHS 111 paediatric video desk',
      '111 reference',
      'Child',
      'Age',
      'Presenting complaint',
      'NG143 band at signing',
      'Findings recorded (on video or reported)',
      'Disposition',
      'Override',
      "Children's Hub referral",
      'Safety-netting advice',
      'Clinical notes',
      'Version',
      'Signed by Dr Sam Patel at 09',
    ]);
  });

  it('says why no SMS went to a landline', () => {
    const landline = caseSchema.parse(aCase({ callerPhone: '+441134960000', callerPhoneKind: 'landline' }));
    expect(clinicalRecordText(landline, decisionSchema.parse(aDecision()))).toContain(
      'Safety-netting advice: No SMS: the caller is on a landline, so the advice is read to the parent.',
    );
  });
});

describe('nextOwnCase', () => {
  const me = '00000000-0000-4000-8000-00000000000a';
  const other = '00000000-0000-4000-8000-00000000000b';
  const open = (id: string, assignedClinicianId: string | null, createdAt: string, status = 'open') =>
    caseSchema.parse(aCase({ id, assignedClinicianId, createdAt, status }));
  const cases = [
    open('signed-now', me, '2026-12-01T12:00:00Z'),
    open('mine-old', me, '2026-12-01T09:00:00Z'),
    open('theirs-new', other, '2026-12-01T11:00:00Z'),
    open('mine-new', me, '2026-12-01T10:00:00Z'),
    open('unassigned', null, '2026-12-01T11:30:00Z'),
    open('mine-closed', me, '2026-12-01T11:45:00Z', 'closed'),
  ];
  it.each([
    ['the newest of their own open cases, never the one just signed', cases, 'mine-new'],
    ['an older one once the newer is gone', cases.filter((c) => c.id !== 'mine-new'), 'mine-old'],
    ['none when only others\u2019 cases are left', cases.filter((c) => !c.id.startsWith('mine')), null],
  ])('%s', (_, list, expected) => {
    expect(nextOwnCase(list, me, 'signed-now')?.id ?? null).toBe(expected);
  });
});
