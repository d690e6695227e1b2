import { IDEMPOTENCY_HEADER, caseSchema } from '@desk/shared';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DecisionSection } from '../src/features/decision/DecisionSection';
import { draftStorageKey } from '../src/features/decision/decisionDraft';
import { SUPERSEDED_MESSAGE } from '../src/features/decision/useDecisionForm';
import { NO_MORE_OPEN_CASES, NextCase } from '../src/features/decision/NextCase';
import { useSessionStore } from '../src/features/auth/sessionStore';
import { CASE_ID, HUB_OVERRIDE, aCase, aDecision, apiError, disposition, enter, fieldset, renderRoute, stubFetch } from './helpers';

const DECISIONS = `/api/cases/${CASE_ID}/decisions`;
const AMEND_D1 = `${DECISIONS}/d1/amendments`;
const keyHeader = IDEMPOTENCY_HEADER.toLowerCase();
const textbox = (name: string) => screen.getByRole('textbox', { name });
const choose = (feature: string, choice: 'Present' | 'Absent' | 'Not assessed') => within(fieldset(feature)).getByRole('radio', { name: choice });

const SENT_SMS = { id: 's9', to: '+447700900123', status: 'sent', failureReason: null, createdAt: '2025-11-23T14:31:00.000Z' };

function renderSection(caseOverrides: Record<string, unknown> = {}) {
  const user = userEvent.setup();
  const view = render(<DecisionSection caseRecord={caseSchema.parse(aCase(caseOverrides))} />);
  return { user, ...view };
}

describe('Signed decision and its history', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => vi.unstubAllGlobals());

  it('shows the band, the override and its reason prominently (the reason once), the referral, findings by band and the SMS status', async () => {
    stubFetch().on('GET', DECISIONS, {
      status: 200,
      body: [
        aDecision({
          ...HUB_OVERRIDE,
          findings: [...HUB_OVERRIDE.findings, { feature: 'breathing_rate', status: 'present', value: 45 }],
          safetyNettingSms: { ...SENT_SMS, status: 'failed', failureReason: 'Number not reachable' },
        }),
      ],
    });
    renderSection();
    const view = await screen.findByTestId('signed-decision');

    expect(within(view).getByTestId('override-callout')).toHaveTextContent('Override: below the NG143 route');
    expect(within(view).getByTestId('override-callout')).toHaveTextContent('Reason: Known to the hub team; seen yesterday.');
    // Once: in the callout, not again in the details below it.
    expect(within(view).getAllByText(/Known to the hub team; seen yesterday\./)).toHaveLength(1);
    expect(within(view).getByText('Traffic light').nextElementSibling).toHaveTextContent(/^NG143 band at signing:\s?Red Clinician decides\.$/);
    expect(within(view).getByText("Referral: Connecting Care Children's Hub")).toBeInTheDocument();
    expect(view).toHaveTextContent("Hub: North West London Children's Hub");
    expect(view).toHaveTextContent('Reason: Recurrent fevers.');
    const findings = within(view).getByTestId('findings-summary');
    expect(findings).toHaveTextContent(/Red.*Grunting.*Amber.*Nasal flaring.*Breathing rate 45\/min: over 40 over 12 months/);
    expect(findings).toHaveTextContent('Recorded absent: Crackles in the chest');
    expect(view).toHaveTextContent('Failed: Number not reachable');
    expect(view).toHaveTextContent('Clinician decides.');
  });

  it('explains why no SMS went (a landline)', async () => {
    stubFetch().on('GET', DECISIONS, { status: 200, body: [aDecision({ disposition: 'self_care', timeframeHours: null })] });
    renderSection({ callerPhone: '+441134960000', callerPhoneKind: 'landline' });
    expect(await screen.findByTestId('signed-decision')).toHaveTextContent(
      'No SMS: the caller is on a landline, so the advice is read to the parent.',
    );
  });

  it('lists earlier versions newest first, each superseded by the next with its amendment reason', async () => {
    stubFetch().on('GET', DECISIONS, {
      status: 200,
      body: [
        aDecision({ id: 'd1', version: 1, supersededById: 'd2' }),
        aDecision({ id: 'd3', version: 3, supersedesId: 'd2', amendmentReason: 'Parent rang back: worse.', disposition: 'emergency_department', timeframeHours: 1 }),
        aDecision({ id: 'd2', version: 2, supersedesId: 'd1', supersededById: 'd3', amendmentReason: 'Rash found on review.' }),
      ],
    });
    renderSection();
    const view = await screen.findByTestId('signed-decision');
    expect(within(view).getByText('Emergency department within 1 hour')).toBeInTheDocument();
    expect(within(view).getByText('Parent rang back: worse.')).toBeInTheDocument();
    expect(within(view).getByText('3 (2 earlier versions)')).toBeInTheDocument();

    const history = screen.getByTestId('decision-history');
    expect(within(history).getByRole('heading', { name: 'History' })).toBeInTheDocument();
    const items = within(history).getAllByRole('listitem').filter((li) => li.dataset.testid?.startsWith('version-'));
    expect(items.map((li) => li.dataset.testid)).toEqual(['version-2', 'version-1']);
    expect(items[0]).toHaveTextContent('Superseded by version 3: Parent rang back: worse.');
    expect(items[1]).toHaveTextContent('Superseded by version 2: Rash found on review.');
  });
});

describe('Amending a signed decision', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => vi.unstubAllGlobals());

  it('signs, then amends with a new Idempotency-Key, a required reason and the full decision again', async () => {
    const v1 = aDecision({ band: 'amber', findings: [{ feature: 'nasal_flaring', status: 'present' }], safetyNettingSms: SENT_SMS });
    const v2 = aDecision({
      id: 'd2',
      version: 2,
      supersedesId: 'd1',
      amendmentReason: 'Grunting on second look.',
      band: 'red',
      disposition: 'emergency_department',
      timeframeHours: 1,
    });
    const server = stubFetch()
      .on('GET', DECISIONS, { status: 200, body: [] }, { status: 200, body: [v1] }, { status: 200, body: [v2, { ...v1, supersededById: 'd2' }] })
      .on('POST', DECISIONS, { status: 201, body: v1 })
      .on('POST', AMEND_D1, { status: 201, body: v2 });
    const { user } = renderSection();

    await screen.findByRole('button', { name: 'Sign decision' });
    await user.click(disposition('GP / primary care'));
    await user.click(choose('Nasal flaring', 'Present'));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Timeframe' }), 'Within 6 hours');
    await enter(user, textbox('Clinical notes'), 'Flaring.');
    await user.click(screen.getByRole('button', { name: 'Sign decision' }));
    await screen.findByTestId('signed-decision');
    await screen.findByText('Sent to 07700 900123 at', { exact: false });

    await user.click(screen.getByRole('button', { name: 'Amend decision' }));
    expect(textbox('Reason for amendment')).toHaveFocus();
    // Prefilled from version 1.
    expect(choose('Nasal flaring', 'Present')).toBeChecked();
    expect(disposition('GP / primary care')).toBeChecked();
    expect(screen.getByRole('combobox', { name: 'Timeframe' })).toHaveValue('6');
    expect(textbox('Clinical notes')).toHaveValue('Well child, fever 2 days.');

    await user.click(screen.getByRole('button', { name: 'Sign amended decision' }));
    expect(within(screen.getByRole('alert')).getAllByRole('link').map((l) => l.textContent)).toEqual([
      'Enter the reason for the amendment',
    ]);
    expect(server.callsTo('POST', AMEND_D1)).toHaveLength(0);

    await enter(user, textbox('Reason for amendment'), 'Grunting on second look.');
    await user.click(choose('Grunting', 'Present'));
    await user.click(disposition('Emergency department'));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Timeframe' }), 'Within 1 hour');
    await user.click(screen.getByRole('button', { name: 'Sign amended decision' }));

    expect(await screen.findByText('Version 2 signed. Earlier versions stay in the history.')).toBeInTheDocument();
    const [sign] = server.callsTo('POST', DECISIONS);
    const [amend] = server.callsTo('POST', AMEND_D1);
    expect(amend?.headers[keyHeader]).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(amend?.headers[keyHeader]).not.toBe(sign?.headers[keyHeader]);
    expect(amend?.body).toEqual({
      reason: 'Grunting on second look.',
      disposition: 'emergency_department',
      timeframeHours: 1,
      notes: 'Well child, fever 2 days.',
      findings: [
        { feature: 'nasal_flaring', status: 'present' },
        { feature: 'grunting', status: 'present' },
      ],
    });

    const view = screen.getByTestId('signed-decision');
    expect(within(view).getByText('Emergency department within 1 hour')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sign amended decision' })).not.toBeInTheDocument();
    expect(screen.getByTestId('version-1')).toHaveTextContent('Superseded by version 2: Grunting on second look.');
    expect(sessionStorage.getItem(draftStorageKey(CASE_ID, 'amend'))).toBeNull();
  }, 20_000); // two full forms, each with the 43-feature checklist, in jsdom

  it('on 409 DECISION_SUPERSEDED reloads, closes the form and says someone else amended it', async () => {
    const v1 = aDecision();
    const v2 = aDecision({ id: 'd2', version: 2, supersedesId: 'd1', signedBy: 'Dr Ali Khan', amendmentReason: 'Their change.' });
    stubFetch()
      .on('GET', DECISIONS, { status: 200, body: [v1] }, { status: 200, body: [v2, { ...v1, supersededById: 'd2' }] })
      .on('POST', AMEND_D1, apiError(409, 'DECISION_SUPERSEDED', 'A newer version of this decision exists.'));
    const { user } = renderSection();
    await user.click(await screen.findByRole('button', { name: 'Amend decision' }));
    await enter(user, textbox('Reason for amendment'), 'My change.');
    await user.click(screen.getByRole('button', { name: 'Sign amended decision' }));

    expect(await screen.findByText(SUPERSEDED_MESSAGE)).toBeInTheDocument();
    // Read out and focused, not left above the fold.
    expect(screen.getByRole('alert')).toHaveTextContent(SUPERSEDED_MESSAGE);
    await vi.waitFor(() => expect(document.getElementById('decision-notice')).toHaveFocus());
    expect(await within(screen.getByTestId('signed-decision')).findByText(/^Signed by Dr Ali Khan/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sign amended decision' })).not.toBeInTheDocument();
    expect(sessionStorage.getItem(draftStorageKey(CASE_ID, 'amend'))).toBeNull();
  });

  it('keeps an amendment in progress (and its key) across a reload, and Cancel drops it', async () => {
    stubFetch().on('GET', DECISIONS, { status: 200, body: [aDecision()] });
    const first = renderSection();
    await first.user.click(await screen.findByRole('button', { name: 'Amend decision' }));
    await enter(first.user, textbox('Reason for amendment'), 'Typo in notes.');
    const saved = sessionStorage.getItem(draftStorageKey(CASE_ID, 'amend'));
    first.unmount();

    const { user } = renderSection();
    expect(await screen.findByRole('textbox', { name: 'Reason for amendment' })).toHaveValue('Typo in notes.');
    expect(sessionStorage.getItem(draftStorageKey(CASE_ID, 'amend'))).toBe(saved);

    await user.click(screen.getByRole('button', { name: 'Cancel amendment' }));
    expect(screen.queryByRole('textbox', { name: 'Reason for amendment' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Amend decision' })).toHaveFocus();
    expect(sessionStorage.getItem(draftStorageKey(CASE_ID, 'amend'))).toBeNull();
  });
});

describe('The signed decision for the clinical record', () => {
  const original = Object.getOwnPropertyDescriptor(navigator, 'clipboard');
  beforeEach(() => sessionStorage.clear());
  afterEach(() => {
    vi.unstubAllGlobals();
    if (original) Object.defineProperty(navigator, 'clipboard', original);
    else Reflect.deleteProperty(navigator, 'clipboard');
  });
  const mockClipboard = (answer: () => Promise<void>) => {
    const writeText = vi.fn((_text: string) => answer());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    return writeText;
  };

  it('reads the signed line naturally, in London time', async () => {
    stubFetch().on('GET', DECISIONS, { status: 200, body: [aDecision({ signedBy: 'Nurse Demo', signedAt: '2026-12-01T22:20:00.000Z' })] });
    renderSection();
    const view = await screen.findByTestId('signed-decision');
    expect(within(view).getByText('Signed', { selector: 'dt' }).nextElementSibling).toHaveTextContent(/^Signed by Nurse Demo at 22:20 on 1 December 2026$/);
  });

  it('copies the outcome as plain text and says "Copied" politely', async () => {
    stubFetch().on('GET', DECISIONS, { status: 200, body: [aDecision({ signedBy: 'Nurse Demo', signedAt: '2026-12-01T22:20:00.000Z' })] });
    const { user } = renderSection();
    const view = await screen.findByTestId('signed-decision');
    const writeText = mockClipboard(() => Promise.resolve());
    const status = within(view).getByTestId('copy-status');
    expect(status).toHaveAttribute('role', 'status');
    expect(status).toBeEmptyDOMElement();

    await user.click(within(view).getByRole('button', { name: 'Copy for the clinical record' }));

    expect(await within(view).findByText('Copied')).toBe(status);
    expect(writeText).toHaveBeenCalledTimes(1);
    const text = String(writeText.mock.calls[0]?.[0]);
    expect(text).toMatch(/^NHS 111 paediatric video desk: outcome\n111 reference: 111-ABC-123\nChild: Amelia\nAge: 2 years 2 months\n/);
    expect(text).toContain('Disposition: GP / primary care within 6 hours');
    expect(text.split('\n').at(-1)).toBe('Signed by Nurse Demo at 22:20 on 1 December 2026');
    expect(screen.queryByRole('textbox', { name: 'Text for the clinical record' })).not.toBeInTheDocument();
  });

  it('shows the text selected to copy by hand when the browser refuses the clipboard', async () => {
    stubFetch().on('GET', DECISIONS, { status: 200, body: [aDecision()] });
    const { user } = renderSection();
    const view = await screen.findByTestId('signed-decision');
    mockClipboard(() => Promise.reject(new DOMException('Denied', 'NotAllowedError')));

    await user.click(within(view).getByRole('button', { name: 'Copy for the clinical record' }));

    const box = (await within(view).findByRole('textbox', { name: 'Text for the clinical record' })) as HTMLTextAreaElement;
    expect(box.value).toMatch(/^NHS 111 paediatric video desk: outcome\n111 reference: 111-ABC-123\n/);
    expect(box).toHaveAttribute('readonly');
    expect(box).toHaveFocus();
    expect([box.selectionStart, box.selectionEnd]).toEqual([0, box.value.length]);
    expect(within(view).getByTestId('copy-status')).toHaveTextContent('The browser did not allow copying: the text is below, selected.');
    expect(within(view).queryByText('Copied')).not.toBeInTheDocument();
  });

  it('shows Next case with the signed decision', async () => {
    stubFetch().on('GET', DECISIONS, { status: 200, body: [aDecision()] });
    render(<DecisionSection caseRecord={caseSchema.parse(aCase())} nextCase={<button type="button">Next case</button>} />);
    const view = await screen.findByTestId('signed-decision');
    expect(within(view).getByRole('button', { name: 'Next case' })).toBeInTheDocument();
  });
});

describe('Next case', () => {
  const ME = '00000000-0000-4000-8000-00000000000a';
  const mine = (id: string, createdAt: string) => aCase({ id, assignedClinicianId: ME, assignedClinician: 'Sam Patel', createdAt });
  beforeEach(() => {
    useSessionStore.setState({
      status: 'signed_in',
      session: { user: { id: ME, username: 'clinician', displayName: 'Sam Patel', role: 'clinician' }, iceServers: [], devMode: false },
      error: null,
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  const renderNext = () => {
    const user = userEvent.setup();
    const view = renderRoute(`/cases/${CASE_ID}`, <NextCase currentCaseId={CASE_ID} />, `/cases/${CASE_ID}`);
    return { user, ...view };
  };

  it("opens the clinician's next own open case, newest first, as the case list orders them", async () => {
    const server = stubFetch().on('GET', '/api/cases', {
      status: 200,
      body: [
        mine(CASE_ID, '2026-12-01T12:00:00Z'),
        aCase({ id: 'theirs', assignedClinicianId: '00000000-0000-4000-8000-00000000000b', createdAt: '2026-12-01T11:00:00Z' }),
        mine('mine-older', '2026-12-01T09:00:00Z'),
        mine('mine-newer', '2026-12-01T10:00:00Z'),
      ],
    });
    const { user, router } = renderNext();
    await user.click(screen.getByRole('button', { name: 'Next case' }));
    expect(await screen.findByTestId('navigated')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/cases/mine-newer');
    expect(server.callsTo('GET', '/api/cases')).toHaveLength(1);
  });

  it('goes to the case list saying "No more open cases" when none of theirs is left', async () => {
    stubFetch().on('GET', '/api/cases', { status: 200, body: [mine(CASE_ID, '2026-12-01T12:00:00Z'), aCase({ id: 'unassigned' })] });
    const { user, router } = renderNext();
    await user.click(screen.getByRole('button', { name: 'Next case' }));
    expect(await screen.findByTestId('navigated')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/');
    expect(router.state.location.state).toEqual({ notice: NO_MORE_OPEN_CASES });
  });

  it('says so when the open cases cannot be loaded, and stays', async () => {
    stubFetch().on('GET', '/api/cases', apiError(503, 'INTERNAL', 'The database is not answering. Try again.'));
    const { user, router } = renderNext();
    await user.click(screen.getByRole('button', { name: 'Next case' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Cannot find your next case: The database is not answering. Try again.');
    expect(router.state.location.pathname).toBe(`/cases/${CASE_ID}`);
  });
});
