import { IDEMPOTENCY_HEADER } from '@desk/shared';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DecisionSection } from '../src/features/decision/DecisionSection';
import { draftStorageKey } from '../src/features/decision/decisionDraft';
import { NETWORK_RETRY_MESSAGE } from '../src/features/decision/useDecisionForm';
import { CASE_ID, aDecision, apiError, stubFetch } from './helpers';

const DECISIONS = `/api/cases/${CASE_ID}/decisions`;
const keyHeader = IDEMPOTENCY_HEADER.toLowerCase();

async function renderSection() {
  const user = userEvent.setup();
  const view = render(<DecisionSection caseId={CASE_ID} />);
  await screen.findByRole('button', { name: 'Sign decision' });
  return { user, ...view };
}

describe('Decision form', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => vi.unstubAllGlobals());

  it('says the clinician decides, and asks for a disposition and notes', async () => {
    stubFetch().on('GET', DECISIONS, { status: 200, body: [] });
    const { user } = await renderSection();
    expect(screen.getByText('The software does not decide: the clinician decides.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Sign decision' }));

    const links = within(screen.getByRole('alert')).getAllByRole('link').map((l) => l.textContent);
    expect(links).toEqual(['Select a disposition', 'Enter your clinical notes']);
  });

  it('requires notes even when a disposition is chosen', async () => {
    const server = stubFetch().on('GET', DECISIONS, { status: 200, body: [] });
    const { user } = await renderSection();
    await user.click(screen.getByLabelText('Self-care at home with safety-netting'));
    await user.type(screen.getByLabelText('Clinical notes'), '   ');

    await user.click(screen.getByRole('button', { name: 'Sign decision' }));

    expect(within(screen.getByRole('alert')).getByRole('link', { name: 'Enter your clinical notes' })).toHaveAttribute(
      'href',
      '#notes',
    );
    expect(server.callsTo('POST', DECISIONS)).toHaveLength(0);
  });

  it.each([
    ['GP / primary care', ['Within 1 hour', 'Within 2 hours', 'Within 6 hours', 'Within 12 hours', 'Within 24 hours', 'Routine']],
    ['Emergency department', ['Within 1 hour', 'Within 4 hours']],
  ])('requires a timeframe for %s', async (label, options) => {
    stubFetch().on('GET', DECISIONS, { status: 200, body: [] });
    const { user } = await renderSection();
    expect(screen.queryByLabelText('Timeframe')).not.toBeInTheDocument();
    await user.click(screen.getByLabelText(label));
    await user.type(screen.getByLabelText('Clinical notes'), 'Seen on video.');

    const select = screen.getByLabelText('Timeframe');
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['Select a timeframe', ...options]);
    await user.click(screen.getByRole('button', { name: 'Sign decision' }));

    expect(within(screen.getByRole('alert')).getByRole('link', { name: 'Select a timeframe' })).toHaveAttribute(
      'href',
      '#timeframe',
    );
  });

  it('does not ask for a timeframe for self-care', async () => {
    stubFetch().on('GET', DECISIONS, { status: 200, body: [] });
    const { user } = await renderSection();
    await user.click(screen.getByLabelText('Self-care at home with safety-netting'));
    expect(screen.queryByLabelText('Timeframe')).not.toBeInTheDocument();
  });

  it('signs with an Idempotency-Key and retries with the same key after a network failure', async () => {
    const signed = aDecision({ disposition: 'emergency_department', timeframeHours: 4, notes: 'Grunting, indrawing.' });
    const server = stubFetch()
      .on('GET', DECISIONS, { status: 200, body: [] })
      .on('POST', DECISIONS, new TypeError('Failed to fetch'), { status: 201, body: signed });
    const { user } = await renderSection();

    await user.click(screen.getByLabelText('Emergency department'));
    await user.selectOptions(screen.getByLabelText('Timeframe'), 'Within 4 hours');
    await user.type(screen.getByLabelText('Clinical notes'), 'Grunting, indrawing.');
    await user.click(screen.getByRole('button', { name: 'Sign decision' }));

    expect(await screen.findByRole('link', { name: NETWORK_RETRY_MESSAGE })).toBeInTheDocument();
    expect(screen.getByLabelText('Clinical notes')).toHaveValue('Grunting, indrawing.');

    await user.click(screen.getByRole('button', { name: 'Sign decision' }));
    expect(await screen.findByTestId('signed-decision')).toBeInTheDocument();

    const posts = server.callsTo('POST', DECISIONS);
    expect(posts).toHaveLength(2);
    const [first, second] = posts;
    expect(first?.headers[keyHeader]).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(second?.headers[keyHeader]).toBe(first?.headers[keyHeader]);
    expect(first?.body).toEqual({ disposition: 'emergency_department', timeframeHours: 4, notes: 'Grunting, indrawing.', findings: [] });
  });

  it('shows the signed decision and hides the form, and clears the draft', async () => {
    const signed = aDecision();
    stubFetch()
      .on('GET', DECISIONS, { status: 200, body: [] }, { status: 200, body: [signed] })
      .on('POST', DECISIONS, { status: 201, body: signed });
    const { user } = await renderSection();

    await user.click(screen.getByLabelText('GP / primary care'));
    await user.selectOptions(screen.getByLabelText('Timeframe'), 'Within 6 hours');
    await user.type(screen.getByLabelText('Clinical notes'), 'Well child, fever 2 days.');
    await user.click(screen.getByRole('button', { name: 'Sign decision' }));

    const view = await screen.findByTestId('signed-decision');
    expect(within(view).getByText('GP / primary care within 6 hours')).toBeInTheDocument();
    expect(within(view).getByText('Well child, fever 2 days.')).toBeInTheDocument();
    expect(within(view).getByText(/^Signed by Dr Sam Patel at/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sign decision' })).not.toBeInTheDocument();
    expect(sessionStorage.getItem(draftStorageKey(CASE_ID))).toBeNull();
  });

  it('shows an already signed decision instead of the form', async () => {
    stubFetch().on('GET', DECISIONS, {
      status: 200,
      body: [aDecision({ id: 'd2', version: 2, disposition: 'self_care', timeframeHours: null }), aDecision()],
    });
    render(<DecisionSection caseId={CASE_ID} />);
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
    await user.click(screen.getByLabelText('Community pharmacy'));
    await user.type(screen.getByLabelText('Clinical notes'), 'Sore throat, well.');
    await user.click(screen.getByRole('button', { name: 'Sign decision' }));

    expect(await screen.findByText(/^Signed by Nurse Jo Bloggs/)).toBeInTheDocument();
    expect(screen.getByText('A decision was already signed for this case. It is shown below.')).toBeInTheDocument();
  });

  it('keeps a typed draft (and its key) across a reload of the page', async () => {
    stubFetch().on('GET', DECISIONS, { status: 200, body: [] });
    const { user, unmount } = await renderSection();
    await user.click(screen.getByLabelText('Urgent treatment centre'));
    await user.selectOptions(screen.getByLabelText('Timeframe'), 'Within 2 hours');
    await user.type(screen.getByLabelText('Clinical notes'), 'Needs a look at the ear.');
    const saved = sessionStorage.getItem(draftStorageKey(CASE_ID));
    unmount();

    await renderSection();
    expect(screen.getByLabelText('Urgent treatment centre')).toBeChecked();
    expect(screen.getByLabelText('Timeframe')).toHaveValue('2');
    expect(screen.getByLabelText('Clinical notes')).toHaveValue('Needs a look at the ear.');
    expect(sessionStorage.getItem(draftStorageKey(CASE_ID))).toBe(saved);
  });
});
