import { IDEMPOTENCY_HEADER, caseSchema } from '@desk/shared';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DecisionSection } from '../src/features/decision/DecisionSection';
import { draftStorageKey } from '../src/features/decision/decisionDraft';
import { NETWORK_RETRY_MESSAGE } from '../src/features/decision/useDecisionForm';
import { CASE_ID, aCase, aDecision, apiError, disposition, enter, fieldset, stubFetch } from './helpers';

const DECISIONS = `/api/cases/${CASE_ID}/decisions`;
const PREVIEW = `${DECISIONS}/preview`;
const keyHeader = IDEMPOTENCY_HEADER.toLowerCase();

/** Amelia, 2 years 2 months (26 months), fever, on a mobile, unless overridden. */
async function renderSection(caseOverrides: Record<string, unknown> = {}) {
  const user = userEvent.setup();
  const view = render(<DecisionSection caseRecord={caseSchema.parse(aCase(caseOverrides))} />);
  await screen.findByRole('button', { name: 'Sign decision' });
  return { user, ...view };
}

const feature = fieldset;
const summaryLinks = () => within(screen.getByRole('alert')).getAllByRole('link');
const textbox = (name: string) => screen.getByRole('textbox', { name });
const timeframe = () => screen.getByRole('combobox', { name: 'Timeframe' });

describe('Decision form', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => vi.unstubAllGlobals());

  it('says the clinician decides, and asks for a disposition and notes', async () => {
    stubFetch().on('GET', DECISIONS, { status: 200, body: [] });
    const { user } = await renderSection();
    expect(screen.getByText('The software does not decide: the clinician decides.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Sign decision' }));

    expect(summaryLinks().map((l) => l.textContent)).toEqual(['Select a disposition', 'Enter your clinical notes']);
  });

  it('requires notes even when a disposition is chosen', async () => {
    const server = stubFetch().on('GET', DECISIONS, { status: 200, body: [] });
    const { user } = await renderSection();
    await user.click(disposition('Self-care at home with safety-netting'));
    await enter(user, textbox('Clinical notes'), '   ');

    await user.click(screen.getByRole('button', { name: 'Sign decision' }));

    expect(within(screen.getByRole('alert')).getByRole('link', { name: 'Enter your clinical notes' })).toHaveAttribute('href', '#notes');
    expect(server.callsTo('POST', DECISIONS)).toHaveLength(0);
  });

  it.each([
    ['GP / primary care', ['Within 1 hour', 'Within 2 hours', 'Within 6 hours', 'Within 12 hours', 'Within 24 hours', 'Routine']],
    ['Urgent treatment centre', ['No timeframe', 'Within 1 hour', 'Within 2 hours', 'Within 4 hours']],
    ['Emergency department', ['Within 1 hour', 'Within 4 hours']],
  ])('requires a timeframe for %s', async (label, options) => {
    stubFetch().on('GET', DECISIONS, { status: 200, body: [] });
    const { user } = await renderSection();
    expect(screen.queryByRole('combobox', { name: 'Timeframe' })).not.toBeInTheDocument();
    await user.click(disposition(label));
    await enter(user, textbox('Clinical notes'), 'Seen on video.');

    const select = timeframe();
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['Select a timeframe', ...options]);
    await user.click(screen.getByRole('button', { name: 'Sign decision' }));

    expect(within(screen.getByRole('alert')).getByRole('link', { name: 'Select a timeframe' })).toHaveAttribute('href', '#timeframe');
  });

  it('does not ask for a timeframe for self-care', async () => {
    stubFetch().on('GET', DECISIONS, { status: 200, body: [] });
    const { user } = await renderSection();
    await user.click(disposition('Self-care at home with safety-netting'));
    expect(screen.queryByRole('combobox', { name: 'Timeframe' })).not.toBeInTheDocument();
  });

  it('shows the NG143 route for the band, says the clinician decides, and never picks a disposition', async () => {
    stubFetch().on('GET', DECISIONS, { status: 200, body: [] });
    const { user } = await renderSection();
    const route = screen.getByTestId('route-suggestion');
    expect(route).toHaveTextContent('NG143 route (no band yet): Nothing seen yet that sets a band: no route suggested.');

    await user.click(within(feature('Nasal flaring')).getByRole('radio', { name: 'Present' }));

    expect(route).toHaveTextContent(
      'NG143 route (amber band): Amber: face-to-face assessment (timeframe by clinical judgement). Clinician decides: choose the disposition yourself.',
    );
    const disposition = screen.getByRole('group', { name: 'Disposition' });
    expect(within(disposition).getAllByRole('radio').filter((r) => (r as HTMLInputElement).checked)).toEqual([]);
  });

  it('signs the findings the clinician set, in the shape the API takes (the e2e path)', async () => {
    const signed = aDecision({ band: 'amber', findings: [{ feature: 'nasal_flaring', status: 'present' }] });
    const server = stubFetch()
      .on('GET', DECISIONS, { status: 200, body: [] })
      .on('POST', DECISIONS, { status: 201, body: signed });
    const { user } = await renderSection();

    await user.click(within(feature('Nasal flaring')).getByRole('radio', { name: 'Present' }));
    await user.click(within(feature('Grunting')).getByRole('radio', { name: 'Absent' }));
    await user.type(textbox('Breathing rate'), '45');
    await user.type(textbox('Temperature'), '38.5');
    expect(within(screen.getByTestId('traffic-light')).getByText('Amber', { selector: '.nhsuk-tag' })).toBeInTheDocument();
    await user.click(disposition('GP / primary care'));
    await user.selectOptions(timeframe(), 'Within 6 hours');
    await enter(user, textbox('Clinical notes'), 'Flaring, RR 45.');
    expect(screen.queryByTestId('override-warning')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Sign decision' }));

    await screen.findByTestId('signed-decision');
    expect(server.callsTo('POST', DECISIONS)[0]?.body).toEqual({
      disposition: 'primary_care',
      timeframeHours: 6,
      notes: 'Flaring, RR 45.',
      findings: [
        { feature: 'nasal_flaring', status: 'present' },
        { feature: 'grunting', status: 'absent' },
        { feature: 'breathing_rate', value: 45 },
        { feature: 'temperature_c', value: 38.5 },
      ],
    });
  });

  it('asks for an override reason when the disposition is below the route, and flags it in the body', async () => {
    const server = stubFetch()
      .on('GET', DECISIONS, { status: 200, body: [] })
      .on('POST', DECISIONS, { status: 201, body: aDecision({ disposition: 'self_care', timeframeHours: null, overridden: true }) });
    const { user } = await renderSection();
    await user.click(within(feature('Nasal flaring')).getByRole('radio', { name: 'Present' }));
    await user.click(disposition('Self-care at home with safety-netting'));
    await enter(user, textbox('Clinical notes'), 'Flaring settled on review.');

    const warning = screen.getByTestId('override-warning');
    expect(within(warning).getByRole('heading', { name: /Below the NG143 route$/ })).toBeInTheDocument();
    expect(warning).toHaveTextContent('Self-care at home with safety-netting is less urgent than the NG143 route');
    await user.click(screen.getByRole('button', { name: 'Sign decision' }));
    expect(summaryLinks().map((l) => l.textContent)).toEqual(['Enter why this disposition is right despite the NG143 route']);
    expect(server.callsTo('POST', DECISIONS)).toHaveLength(0);

    await enter(user, textbox('Override reason'), 'Flaring only while crying; settled, feeding well.');
    await user.click(screen.getByRole('button', { name: 'Sign decision' }));
    await screen.findByTestId('signed-decision');
    expect(server.callsTo('POST', DECISIONS)[0]?.body).toMatchObject({
      disposition: 'self_care',
      timeframeHours: null,
      overrideReason: 'Flaring only while crying; settled, feeding well.',
    });
  });

  it('warns, without blocking, that a red child sent to the emergency department within 4 hours may wait too long', async () => {
    stubFetch().on('GET', DECISIONS, { status: 200, body: [] });
    const { user } = await renderSection();
    await user.click(within(feature('Grunting')).getByRole('radio', { name: 'Present' }));
    await user.click(disposition('Emergency department'));
    await user.selectOptions(timeframe(), 'Within 4 hours');
    expect(screen.getByTestId('route-caution')).toHaveTextContent(/within 2 hours.*may be too late.*Clinician decides/);
    expect(screen.queryByRole('textbox', { name: 'Override reason' })).not.toBeInTheDocument();
    await user.selectOptions(timeframe(), 'Within 1 hour');
    expect(screen.queryByTestId('route-caution')).not.toBeInTheDocument();
  });

  it('drops the override reason when the choice meets the route again', async () => {
    const server = stubFetch()
      .on('GET', DECISIONS, { status: 200, body: [] })
      .on('POST', DECISIONS, { status: 201, body: aDecision() });
    const { user } = await renderSection();
    await user.click(within(feature('Grunting')).getByRole('radio', { name: 'Present' }));
    await user.click(disposition('GP / primary care'));
    await user.selectOptions(timeframe(), 'Within 6 hours');
    await enter(user, textbox('Override reason'), 'Parent can get there quickly.');
    // Red: primary care later than 2 hours is below the route; within 2 hours meets it.
    await user.selectOptions(timeframe(), 'Within 2 hours');
    expect(screen.queryByRole('textbox', { name: 'Override reason' })).not.toBeInTheDocument();
    await enter(user, textbox('Clinical notes'), 'Grunting.');
    await user.click(screen.getByRole('button', { name: 'Sign decision' }));

    await screen.findByTestId('signed-decision');
    expect(server.callsTo('POST', DECISIONS)[0]?.body).not.toHaveProperty('overrideReason');
  });

  it('on 422 OVERRIDE_REASON_REQUIRED shows the override field with the server message and focuses it', async () => {
    const message = 'This disposition is less urgent than the NG143 route for the recorded findings (Red: …). Give an override reason to sign it.';
    const server = stubFetch()
      .on('GET', DECISIONS, { status: 200, body: [] })
      .on(
        'POST',
        DECISIONS,
        apiError(422, 'OVERRIDE_REASON_REQUIRED', message, { overrideReason: 'Give the reason for choosing a less urgent disposition' }),
        { status: 201, body: aDecision({ overridden: true }) },
      );
    const { user } = await renderSection();
    await user.click(disposition('Community pharmacy'));
    await enter(user, textbox('Clinical notes'), 'Sore throat.');
    await user.click(screen.getByRole('button', { name: 'Sign decision' }));

    const field = await screen.findByRole('textbox', { name: 'Override reason' });
    expect(field).toHaveFocus();
    expect(field).toHaveAccessibleDescription(expect.stringContaining(message));

    await enter(user, field, 'Seen well on video.');
    await user.click(screen.getByRole('button', { name: 'Sign decision' }));
    await screen.findByTestId('signed-decision');
    const [first, second] = server.callsTo('POST', DECISIONS);
    expect(second?.body).toMatchObject({ overrideReason: 'Seen well on video.' });
    expect(second?.headers[keyHeader]).toBe(first?.headers[keyHeader]);
  });

  it("requires the hub and the reason for a Children's Hub referral, and sends them", async () => {
    const server = stubFetch()
      .on('GET', DECISIONS, { status: 200, body: [] })
      .on('POST', DECISIONS, { status: 201, body: aDecision({ disposition: 'hub_referral', timeframeHours: null }) });
    const { user } = await renderSection();
    await user.click(disposition("Referral: Connecting Care Children's Hub"));
    await enter(user, textbox('Clinical notes'), 'Recurrent fevers.');
    await user.click(screen.getByRole('button', { name: 'Sign decision' }));
    expect(summaryLinks().map((l) => [l.textContent, l.getAttribute('href')])).toEqual([
      ['Enter the preferred hub', '#hubName'],
      ['Enter the reason for the referral', '#hubReason'],
    ]);

    await enter(user, screen.getByRole('combobox', { name: 'Preferred hub' }), "North West London Children's Hub");
    await enter(user, textbox('Reason for referral'), 'Third febrile episode in 2 months.');
    await user.click(screen.getByRole('button', { name: 'Sign decision' }));
    await screen.findByTestId('signed-decision');
    expect(server.callsTo('POST', DECISIONS)[0]?.body).toMatchObject({
      disposition: 'hub_referral',
      timeframeHours: null,
      hubReferral: { hub: "North West London Children's Hub", reason: 'Third febrile episode in 2 months.' },
    });
  });

  it('requires the specialist and their advice for the advice line', async () => {
    const server = stubFetch().on('GET', DECISIONS, { status: 200, body: [] });
    const { user } = await renderSection();
    await user.click(disposition('Referral: specialist paediatric advice line'));
    await enter(user, textbox('Clinical notes'), 'Discussed.');
    await user.click(screen.getByRole('button', { name: 'Sign decision' }));
    expect(summaryLinks().map((l) => l.textContent)).toEqual(['Enter who you spoke to', 'Enter the advice given']);
    expect(server.callsTo('POST', DECISIONS)).toHaveLength(0);
  });

  it('maps a 400 on a finding path to the feature, inline and in the summary', async () => {
    stubFetch()
      .on('GET', DECISIONS, { status: 200, body: [] })
      .on(
        'POST',
        DECISIONS,
        apiError(400, 'VALIDATION_FAILED', 'Check the decision', { 'findings.1.value': 'Breathing rate must be between 0 and 200 breaths/min' }),
      );
    const { user } = await renderSection();
    await user.click(within(feature('Nasal flaring')).getByRole('radio', { name: 'Present' }));
    await user.type(textbox('Breathing rate'), '45');
    await user.click(disposition('Emergency department'));
    await user.selectOptions(timeframe(), 'Within 1 hour');
    await enter(user, textbox('Clinical notes'), 'Notes.');
    await user.click(screen.getByRole('button', { name: 'Sign decision' }));

    const link = await within(await screen.findByRole('alert')).findByRole('link', { name: 'Breathing rate must be between 0 and 200 breaths/min' });
    expect(link).toHaveAttribute('href', '#finding-breathing_rate');
    expect(textbox('Breathing rate')).toHaveAccessibleDescription(
      expect.stringContaining('Breathing rate must be between 0 and 200 breaths/min'),
    );
  });

  it('refuses a measurement that is not a number before sending', async () => {
    const server = stubFetch().on('GET', DECISIONS, { status: 200, body: [] });
    const { user } = await renderSection();
    await user.type(textbox('Temperature'), '38,5');
    await user.click(disposition('Self-care at home with safety-netting'));
    await enter(user, textbox('Clinical notes'), 'Notes.');
    await user.click(screen.getByRole('button', { name: 'Sign decision' }));
    expect(summaryLinks().map((l) => l.textContent)).toEqual(['Enter the temperature as a number, like 38.5']);
    expect(server.callsTo('POST', DECISIONS)).toHaveLength(0);
  });

  it('previews the SMS exactly as it will be sent, with a link to the advice page', async () => {
    const body =
      'NHS 111: Advice on caring for your child and when to get help: http://desk/advice/fever?lang=en Call 999 if your child gets much worse. Call 111 if you are worried.';
    const server = stubFetch()
      .on('GET', DECISIONS, { status: 200, body: [] })
      .on('POST', PREVIEW, {
        status: 200,
        body: {
          willSend: true,
          reason: null,
          to: '+447700900123',
          body,
          adviceUrl: 'http://desk/advice/fever?lang=en',
          topic: 'fever',
          language: 'en',
          translation: 'original',
          bodyInEnglish: null,
        },
      });
    const { user } = await renderSection();
    await user.click(disposition('Self-care at home with safety-netting'));
    await user.click(screen.getByRole('button', { name: 'Preview what the parent will receive' }));

    const preview = await screen.findByTestId('sms-preview');
    expect(within(preview).getByRole('heading', { name: 'Text message to 07700 900123, sent when you sign' })).toHaveFocus();
    expect(within(preview).getByTestId('sms-body').textContent).toBe(body);
    const link = within(preview).getByRole('link', { name: "Open the parent's advice page (opens in a new tab)" });
    expect(link).toHaveAttribute('href', 'http://desk/advice/fever?lang=en');
    expect(link).toHaveAttribute('target', '_blank');
    expect(server.callsTo('POST', PREVIEW)[0]?.body).toEqual({ disposition: 'self_care', timeframeHours: null, notes: '', findings: [] });

    await user.click(disposition('Community pharmacy'));
    expect(within(preview).getByText('The disposition has changed since this preview.')).toBeInTheDocument();
  });

  it('says why no SMS goes (a landline) in the preview', async () => {
    stubFetch()
      .on('GET', DECISIONS, { status: 200, body: [] })
      .on('POST', PREVIEW, {
        status: 200,
        body: {
          willSend: false,
          reason: 'The caller is on a landline: no SMS can be sent. Read the advice to the parent.',
          to: null,
          body: null,
          adviceUrl: 'http://desk/advice/fever?lang=en',
          topic: 'fever',
          language: 'en',
          translation: 'original',
          bodyInEnglish: null,
        },
      });
    const { user } = await renderSection({ callerPhone: '+441134960000', callerPhoneKind: 'landline' });
    await user.click(disposition('Self-care at home with safety-netting'));
    await user.click(screen.getByRole('button', { name: 'Preview what the parent will receive' }));

    const preview = await screen.findByTestId('sms-preview');
    expect(within(preview).getByRole('heading', { name: 'No text message will be sent' })).toBeInTheDocument();
    expect(preview).toHaveTextContent('The caller is on a landline: no SMS can be sent. Read the advice to the parent.');
    expect(within(preview).queryByTestId('sms-body')).not.toBeInTheDocument();
    expect(within(preview).queryByTestId('sms-language')).not.toBeInTheDocument();
  });

  it.each([
    ['pl', 'draft', 'The text will be sent in Polish (draft translation, not yet checked).'],
    ['ar', 'reviewed', 'The text will be sent in Arabic.'],
  ] as const)('says the SMS goes in %s (%s) and shows the English beside it for the clinician', async (language, translation, line) => {
    const body = language === 'pl' ? 'NHS 111: Pielęgniarka zaleca opiekę nad dzieckiem w domu. http://desk/advice/fever?lang=pl&t=XXXX' : 'من NHS 111: نصح الممرض برعاية طفلك في المنزل.\nhttp://desk/advice/fever?lang=ar&t=XXXX';
    const bodyInEnglish = `NHS 111: The nurse advised caring for your child at home. Advice and when to get help: http://desk/advice/fever?lang=${language}&t=XXXX`;
    stubFetch()
      .on('GET', DECISIONS, { status: 200, body: [] })
      .on('POST', PREVIEW, {
        status: 200,
        body: { willSend: true, reason: null, to: '+447700900123', body, adviceUrl: `http://desk/advice/fever?lang=${language}`, topic: 'fever', language, translation, bodyInEnglish },
      });
    const { user } = await renderSection({ preferredLanguage: language, language });
    await user.click(disposition('Self-care at home with safety-netting'));
    await user.click(screen.getByRole('button', { name: 'Preview what the parent will receive' }));

    const preview = await screen.findByTestId('sms-preview', {}, { timeout: 5_000 });
    expect(within(preview).getByTestId('sms-language')).toHaveTextContent(line);
    const sms = within(preview).getByTestId('sms-body');
    expect(sms.textContent).toBe(body);
    expect(sms).toHaveAttribute('lang', language);
    expect(sms).toHaveAttribute('dir', language === 'ar' ? 'rtl' : 'ltr');
    expect(within(preview).getByRole('heading', { name: 'The same text in English' })).toBeInTheDocument();
    expect(within(preview).getByTestId('sms-body-english').textContent).toBe(bodyInEnglish);
  });

  it('says when the text goes in English because the translation is not yet checked, with no second copy', async () => {
    const body = 'NHS 111: The nurse advised caring for your child at home. http://desk/advice/fever?lang=pl&t=XXXX 999 if much worse, a fit or a rash that does not fade under a glass. 111 if worried.\nTłumaczenie w toku.';
    stubFetch()
      .on('GET', DECISIONS, { status: 200, body: [] })
      .on('POST', PREVIEW, {
        status: 200,
        body: { willSend: true, reason: null, to: '+447700900123', body, adviceUrl: 'http://desk/advice/fever?lang=pl', topic: 'fever', language: 'pl', translation: 'withheld', bodyInEnglish: null },
      });
    const { user } = await renderSection({ preferredLanguage: 'pl', language: 'pl' });
    await user.click(disposition('Self-care at home with safety-netting'));
    await user.click(screen.getByRole('button', { name: 'Preview what the parent will receive' }));

    const preview = await screen.findByTestId('sms-preview', {}, { timeout: 5_000 });
    expect(within(preview).getByTestId('sms-language')).toHaveTextContent(
      'The text will be sent in English: the Polish translation is not yet checked. A short note in Polish at the end says so.',
    );
    expect(within(preview).getByTestId('sms-body')).toHaveAttribute('lang', 'en');
    expect(within(preview).queryByTestId('sms-body-english')).not.toBeInTheDocument();
  });

  it('asks for a disposition before previewing', async () => {
    const server = stubFetch().on('GET', DECISIONS, { status: 200, body: [] });
    const { user } = await renderSection();
    await user.click(screen.getByRole('button', { name: 'Preview what the parent will receive' }));
    expect(summaryLinks().map((l) => l.textContent)).toEqual(['Select a disposition']);
    expect(server.callsTo('POST', PREVIEW)).toHaveLength(0);
  });

  it('signs with an Idempotency-Key and retries with the same key after a network failure', async () => {
    const signed = aDecision({ disposition: 'emergency_department', timeframeHours: 4, notes: 'Grunting, indrawing.' });
    const server = stubFetch()
      .on('GET', DECISIONS, { status: 200, body: [] })
      .on('POST', DECISIONS, new TypeError('Failed to fetch'), { status: 201, body: signed });
    const { user } = await renderSection();

    await user.click(disposition('Emergency department'));
    await user.selectOptions(timeframe(), 'Within 4 hours');
    await enter(user, textbox('Clinical notes'), 'Grunting, indrawing.');
    await user.click(screen.getByRole('button', { name: 'Sign decision' }));

    expect(await screen.findByRole('link', { name: NETWORK_RETRY_MESSAGE })).toBeInTheDocument();
    expect(textbox('Clinical notes')).toHaveValue('Grunting, indrawing.');

    await user.click(screen.getByRole('button', { name: 'Sign decision' }));
    expect(await screen.findByTestId('signed-decision')).toBeInTheDocument();

    const posts = server.callsTo('POST', DECISIONS);
    expect(posts).toHaveLength(2);
    const [first, second] = posts;
    expect(first?.headers[keyHeader]).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(second?.headers[keyHeader]).toBe(first?.headers[keyHeader]);
    expect(first?.body).toEqual({ disposition: 'emergency_department', timeframeHours: 4, notes: 'Grunting, indrawing.', findings: [] });
  });

  it('shows the signed decision and hides the form, moves focus to it, and clears the draft', async () => {
    const signed = aDecision();
    stubFetch()
      .on('GET', DECISIONS, { status: 200, body: [] }, { status: 200, body: [signed] })
      .on('POST', DECISIONS, { status: 201, body: signed });
    const { user } = await renderSection();

    await user.click(disposition('GP / primary care'));
    await user.selectOptions(timeframe(), 'Within 6 hours');
    await enter(user, textbox('Clinical notes'), 'Well child, fever 2 days.');
    await user.click(screen.getByRole('button', { name: 'Sign decision' }));

    const view = await screen.findByTestId('signed-decision');
    expect(within(view).getByText('GP / primary care within 6 hours')).toBeInTheDocument();
    expect(within(view).getByText('Well child, fever 2 days.')).toBeInTheDocument();
    expect(within(view).getByText(/^Signed by Dr Sam Patel at/)).toBeInTheDocument();
    expect(within(view).getByRole('heading', { name: 'Signed decision' })).toHaveFocus();
    expect(screen.queryByRole('button', { name: 'Sign decision' })).not.toBeInTheDocument();
    expect(sessionStorage.getItem(draftStorageKey(CASE_ID))).toBeNull();
  });

  it('shows an already signed decision instead of the form', async () => {
    stubFetch().on('GET', DECISIONS, {
      status: 200,
      body: [aDecision({ id: 'd2', version: 2, supersedesId: 'd1', disposition: 'self_care', timeframeHours: null }), aDecision({ supersededById: 'd2' })],
    });
    render(<DecisionSection caseRecord={caseSchema.parse(aCase())} />);
    const view = await screen.findByTestId('signed-decision');
    expect(within(view).getByText('Self-care at home with safety-netting')).toBeInTheDocument();
    expect(within(view).getByText('2 (1 earlier version)')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sign decision' })).not.toBeInTheDocument();
  });

  it('on 409 DECISION_EXISTS reloads and shows the decision already signed', async () => {
    stubFetch()
      .on('GET', DECISIONS, { status: 200, body: [] }, { status: 200, body: [aDecision({ signedBy: 'Nurse Jo Bloggs' })] })
      .on('POST', DECISIONS, apiError(409, 'DECISION_EXISTS', 'A decision exists'));
    const { user } = await renderSection();
    await user.click(disposition('Community pharmacy'));
    await enter(user, textbox('Clinical notes'), 'Sore throat, well.');
    await user.click(screen.getByRole('button', { name: 'Sign decision' }));

    expect(await screen.findByText(/^Signed by Nurse Jo Bloggs/)).toBeInTheDocument();
    expect(screen.getByText('A decision was already signed for this case. It is shown below.')).toBeInTheDocument();
  });

  it('keeps a typed draft (findings, disposition, notes and its key) across a reload of the page', async () => {
    stubFetch().on('GET', DECISIONS, { status: 200, body: [] });
    const { user, unmount } = await renderSection();
    await user.click(within(feature('Nasal flaring')).getByRole('radio', { name: 'Present' }));
    await user.click(within(feature('Grunting')).getByRole('radio', { name: 'Absent' }));
    await user.type(textbox('Breathing rate'), '45');
    await user.click(disposition('Urgent treatment centre'));
    await user.selectOptions(timeframe(), 'Within 2 hours');
    await enter(user, textbox('Clinical notes'), 'Needs a look at the ear.');
    const saved = sessionStorage.getItem(draftStorageKey(CASE_ID));
    unmount();

    await renderSection();
    expect(within(feature('Nasal flaring')).getByRole('radio', { name: 'Present' })).toBeChecked();
    expect(within(feature('Grunting')).getByRole('radio', { name: 'Absent' })).toBeChecked();
    expect(within(feature('Crackles in the chest')).getByRole('radio', { name: 'Not assessed' })).toBeChecked();
    expect(textbox('Breathing rate')).toHaveValue('45');
    expect(disposition('Urgent treatment centre')).toBeChecked();
    expect(timeframe()).toHaveValue('2');
    expect(textbox('Clinical notes')).toHaveValue('Needs a look at the ear.');
    expect(sessionStorage.getItem(draftStorageKey(CASE_ID))).toBe(saved);
  });

  it('loads a draft saved before the checklist existed', async () => {
    sessionStorage.setItem(
      draftStorageKey(CASE_ID),
      JSON.stringify({ disposition: 'pharmacy', timeframe: '', notes: 'Old draft.', idempotencyKey: 'key-from-before-1234' }),
    );
    stubFetch().on('GET', DECISIONS, { status: 200, body: [] });
    await renderSection();
    expect(disposition('Community pharmacy')).toBeChecked();
    expect(textbox('Clinical notes')).toHaveValue('Old draft.');
  });
});
