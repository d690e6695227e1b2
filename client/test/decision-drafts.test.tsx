import { IDEMPOTENCY_HEADER, caseSchema } from '@desk/shared';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DecisionSection } from '../src/features/decision/DecisionSection';
import { draftStorageKey, emptyDraft, type DecisionDraft } from '../src/features/decision/decisionDraft';
import { formatTime } from '../src/lib/format';
import { CASE_ID, aCase, aDecision, stubFetch } from './helpers';

const DECISIONS = `/api/cases/${CASE_ID}/decisions`;
const SIGN_DRAFT = `${DECISIONS}/drafts/sign`;
const AMEND_DRAFT = `${DECISIONS}/drafts/amend`;
const SAVED_AT = '2025-11-23T14:02:00.000Z';
const SAVE_WAIT = { timeout: 3_000 };

const textbox = (name: string) => screen.getByRole('textbox', { name });
const draftStatus = () => screen.getByTestId('draft-status');
const savedDraft = (draft: DecisionDraft, kind = 'sign', updatedAt = SAVED_AT) => ({ status: 200, body: { kind, draft, updatedAt } });
const localDraft = (key = draftStorageKey(CASE_ID)) => JSON.parse(sessionStorage.getItem(key) ?? 'null') as DecisionDraft | null;
/** The options `fetch` was called with for that request (keepalive is not in the recorded calls). */
const fetchInit = (method: string, url: string) =>
  vi.mocked(fetch).mock.calls.find(([input, init]) => input === url && init?.method === method)?.[1];

function renderSection() {
  const user = userEvent.setup();
  render(<DecisionSection caseRecord={caseSchema.parse(aCase())} />);
  return { user };
}

describe('Decision drafts on the server', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => vi.unstubAllGlobals());

  it('saves the draft to the server a moment after typing, keeps the tab copy, and says when it was saved', async () => {
    const server = stubFetch()
      .on('GET', DECISIONS, { status: 200, body: [] })
      .on('PUT', SIGN_DRAFT, savedDraft({ ...emptyDraft(), notes: 'Alert and pink' }));
    const { user } = renderSection();
    await screen.findByRole('button', { name: 'Sign decision' });

    await user.type(textbox('Clinical notes'), 'Alert and pink');
    expect(localDraft()?.notes).toBe('Alert and pink');

    await waitFor(() => expect(server.callsTo('PUT', SIGN_DRAFT)).toHaveLength(1), SAVE_WAIT);
    const sent = server.callsTo('PUT', SIGN_DRAFT)[0]!.body as DecisionDraft;
    expect(sent).toMatchObject({ notes: 'Alert and pink', idempotencyKey: localDraft()?.idempotencyKey });
    expect(Date.parse(sent.savedAt ?? '')).not.toBeNaN();
    // One save for the whole burst of typing, not one per key.
    await waitFor(() => expect(draftStatus()).toHaveTextContent(`Draft saved at ${formatTime(SAVED_AT)}`));
    expect(draftStatus()).toHaveAttribute('role', 'status');
    expect(server.callsTo('PUT', SIGN_DRAFT)).toHaveLength(1);
  });

  it('says "Saving draft…" while the first save is under way', async () => {
    let answer: (response: Response) => void = () => undefined;
    stubFetch().on('GET', DECISIONS, { status: 200, body: [] });
    const stubbed = vi.mocked(fetch).getMockImplementation()!;
    vi.mocked(fetch).mockImplementation((input, init) =>
      init?.method === 'PUT' ? new Promise<Response>((resolve) => (answer = resolve)) : stubbed(input, init),
    );
    const { user } = renderSection();
    await screen.findByRole('button', { name: 'Sign decision' });
    await user.type(textbox('Clinical notes'), 'Alert');

    await waitFor(() => expect(draftStatus()).toHaveTextContent('Saving draft…'), SAVE_WAIT);
    answer(new Response(JSON.stringify(savedDraft({ ...emptyDraft(), notes: 'Alert' }).body), { status: 200 }));
    await waitFor(() => expect(draftStatus()).toHaveTextContent(`Draft saved at ${formatTime(SAVED_AT)}`));
  });

  it('says the draft is not saved when the server cannot be reached', async () => {
    stubFetch().on('GET', DECISIONS, { status: 200, body: [] }).on('PUT', SIGN_DRAFT, new TypeError('Failed to fetch'));
    const { user } = renderSection();
    await screen.findByRole('button', { name: 'Sign decision' });
    await user.type(textbox('Clinical notes'), 'Alert');

    await waitFor(() => expect(draftStatus()).toHaveTextContent('Draft not saved: check your connection'), SAVE_WAIT);
    expect(localDraft()?.notes).toBe('Alert');
  });

  it('restores the server draft (and its key) when this tab has none', async () => {
    const fromServer = { ...emptyDraft(), notes: 'Typed on the other machine', idempotencyKey: 'key-from-server', savedAt: SAVED_AT };
    stubFetch().on('GET', DECISIONS, { status: 200, body: [] }).on('GET', SIGN_DRAFT, savedDraft(fromServer));
    renderSection();

    await waitFor(() => expect(textbox('Clinical notes')).toHaveValue('Typed on the other machine'));
    expect(localDraft()).toMatchObject({ notes: 'Typed on the other machine', idempotencyKey: 'key-from-server' });
    expect(draftStatus()).toHaveTextContent(`Draft saved at ${formatTime(SAVED_AT)}`);
  });

  it('keeps this tab’s newer draft over an older server copy, and brings the server up to date', async () => {
    const local = { ...emptyDraft(), notes: 'Newer, typed offline', savedAt: '2025-11-23T14:05:00.000Z' };
    sessionStorage.setItem(draftStorageKey(CASE_ID), JSON.stringify(local));
    const server = stubFetch()
      .on('GET', DECISIONS, { status: 200, body: [] })
      .on('GET', SIGN_DRAFT, savedDraft({ ...emptyDraft(), notes: 'Older', savedAt: SAVED_AT }))
      .on('PUT', SIGN_DRAFT, savedDraft(local, 'sign', '2025-11-23T14:06:00.000Z'));
    renderSection();

    await waitFor(() => expect(server.callsTo('PUT', SIGN_DRAFT)).toHaveLength(1), SAVE_WAIT);
    expect(server.callsTo('PUT', SIGN_DRAFT)[0]!.body).toMatchObject({ notes: 'Newer, typed offline' });
    expect(textbox('Clinical notes')).toHaveValue('Newer, typed offline');
  });

  it('saves at once, with keepalive, when the page is hidden', async () => {
    const server = stubFetch().on('GET', DECISIONS, { status: 200, body: [] }).on('PUT', SIGN_DRAFT, savedDraft(emptyDraft()));
    const { user } = renderSection();
    await screen.findByRole('button', { name: 'Sign decision' });
    await user.type(textbox('Clinical notes'), 'Closing the lid');

    fireEvent(window, new Event('pagehide'));

    expect(server.callsTo('PUT', SIGN_DRAFT)).toHaveLength(1);
    expect(server.callsTo('PUT', SIGN_DRAFT)[0]!.body).toMatchObject({ notes: 'Closing the lid' });
    expect(fetchInit('PUT', SIGN_DRAFT)?.keepalive).toBe(true);
  });

  it('deletes the server draft after signing', async () => {
    const server = stubFetch()
      .on('GET', DECISIONS, { status: 200, body: [] }, { status: 200, body: [aDecision()] })
      .on('POST', DECISIONS, { status: 201, body: aDecision() })
      .on('PUT', SIGN_DRAFT, savedDraft(emptyDraft()))
      .on('DELETE', SIGN_DRAFT, { status: 204 });
    const { user } = renderSection();
    await screen.findByRole('button', { name: 'Sign decision' });
    await user.click(screen.getByLabelText('Self-care at home with safety-netting'));
    await user.type(textbox('Clinical notes'), 'Well child.');
    await user.click(screen.getByRole('button', { name: 'Sign decision' }));

    await screen.findByTestId('signed-decision');
    expect(server.callsTo('POST', DECISIONS)[0]!.headers[IDEMPOTENCY_HEADER.toLowerCase()]).toBeTruthy();
    await waitFor(() => expect(server.callsTo('DELETE', SIGN_DRAFT)).toHaveLength(1));
    expect(localDraft()).toBeNull();
  });

  it('reopens an amendment started elsewhere from the server, and Cancel deletes it', async () => {
    const amendment = { ...emptyDraft(), disposition: 'self_care' as const, notes: 'Rechecked', amends: 'd1', amendmentReason: 'Rash faded', savedAt: SAVED_AT };
    const server = stubFetch()
      .on('GET', DECISIONS, { status: 200, body: [aDecision()] })
      .on('GET', AMEND_DRAFT, savedDraft(amendment, 'amend'))
      .on('DELETE', AMEND_DRAFT, { status: 204 });
    const { user } = renderSection();

    await waitFor(() => expect(textbox('Reason for amendment')).toHaveValue('Rash faded'));
    await user.click(screen.getByRole('button', { name: 'Cancel amendment' }));

    await waitFor(() => expect(server.callsTo('DELETE', AMEND_DRAFT)).toHaveLength(1));
    expect(screen.queryByRole('button', { name: 'Cancel amendment' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Amend decision' })).toBeInTheDocument();
  });
});
