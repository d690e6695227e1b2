import type { ReactNode } from 'react';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSessionStore } from '../src/features/auth/sessionStore';
import type { LiveCall } from '../src/features/call/CallPanel';
import { formatTime } from '../src/lib/format';
import CasePage from '../src/pages/CasePage';
import { CASE_ID, aCase, aDecision, apiError, createFakeSocket, renderRoute, stubFetch } from './helpers';

const fake = vi.hoisted(() => ({ current: null as null | ReturnType<typeof import('./helpers').createFakeSocket> }));
vi.mock('../src/lib/socket', () => ({ getSocket: () => fake.current?.socket, closeSocket: vi.fn() }));
// The call panel has its own tests; here it only has to be placed with the right props, and it tells the page the call's snapshots.
const panel = vi.hoisted(() => ({ onCallChange: null as null | ((call: LiveCall | null) => void) }));
vi.mock('../src/features/call/CallPanel', () => ({
  CallPanel: (props: { caseId: string; callerPhone: string; onCallChange?: (call: LiveCall | null) => void; children?: ReactNode }) => {
    panel.onCallChange = props.onCallChange ?? null;
    // The case's link controls ride in the panel's tools.
    return (
      <>
        <p data-testid="call-panel">
          {props.caseId} {props.callerPhone}
        </p>
        {props.children}
      </>
    );
  },
}));

const CASE_URL = `/api/cases/${CASE_ID}`;
const SMS = { id: 'sms1', to: '+447700900123', status: 'sent', failureReason: null, createdAt: '2025-11-23T14:02:00.000Z' };
const INVITE = {
  inviteId: 'i1',
  expiresAt: '2025-11-23T15:02:00.000Z',
  sms: SMS,
  participant: { id: 'p1', role: 'parent', name: 'Mother', state: 'invited', reason: null, present: false },
  call: { id: 'c1', state: 'invited', reason: null, createdAt: SMS.createdAt, connectedAt: null, endedAt: null, participants: [] },
  devJoinLink: 'http://192.168.1.20:3000/join/abcdefghijklmnopqrstuvwxyz',
};

function renderCase() {
  const user = userEvent.setup();
  renderRoute('/cases/:id', <CasePage />, `/cases/${CASE_ID}`);
  return { user };
}

describe('CasePage', () => {
  beforeEach(() => {
    fake.current = createFakeSocket();
    useSessionStore.setState({ status: 'signed_in', session: null, error: null });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows the two identifiers, the caller and the call panel, and watches the case', async () => {
    stubFetch()
      .on('GET', CASE_URL, { status: 200, body: aCase({ nhsNumber: '9434765919', dateOfBirth: '2023-09-10' }) })
      .on('GET', `${CASE_URL}/decisions`, { status: 200, body: [] });
    renderCase();

    expect(await screen.findByRole('heading', { level: 1, name: /Amelia, 2 years 2 months/ })).toBeInTheDocument();
    expect(screen.getByText('10 September 2023')).toBeInTheDocument();
    expect(screen.getByText('07700 900123 (mobile)')).toBeInTheDocument();
    expect(screen.getByText('943 476 5919')).toBeInTheDocument();
    expect(screen.getByTestId('call-panel')).toHaveTextContent(`${CASE_ID} +447700900123`);
    expect(fake.current?.requests).toContainEqual({ name: 'case:watch', payload: { caseId: CASE_ID } });
  });

  it('sends the video link, shows where and when, says a resend replaces it, and shows the dev QR code', async () => {
    const server = stubFetch()
      // Fetched again once sent: the case now has the call the link is for.
      .on('GET', CASE_URL, { status: 200, body: aCase() }, { status: 200, body: aCase({ call: INVITE.call, lastSms: SMS }) })
      .on('GET', `${CASE_URL}/decisions`, { status: 200, body: [] })
      .on('POST', `${CASE_URL}/invites`, { status: 201, body: INVITE });
    const { user } = renderCase();

    await user.click(await screen.findByRole('button', { name: 'Send video link to 07700 900123' }));

    expect(await screen.findByTestId('sms-status')).toHaveTextContent(/^Sent to 07700 900123 at \d\d:\d\d$/);
    expect(await screen.findByRole('button', { name: 'Send video link again to 07700 900123' })).toBeEnabled();
    expect(screen.getByText(/Sending again replaces the earlier link/)).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'QR code of the join link for a phone on this network' })).toHaveAttribute(
      'src',
      `/api/cases/${CASE_ID}/dev-qr.svg?t=sms1`,
    );
    expect(screen.getByRole('link', { name: INVITE.devJoinLink })).toBeInTheDocument();
    expect(server.callsTo('POST', `${CASE_URL}/invites`)[0]?.body).toBeUndefined();
  });

  it('shows a failed SMS with its reason', async () => {
    stubFetch()
      .on('GET', CASE_URL, {
        status: 200,
        body: aCase({ lastSms: { ...SMS, status: 'failed', failureReason: 'Number not reachable' } }),
      })
      .on('GET', `${CASE_URL}/decisions`, { status: 200, body: [] });
    renderCase();
    expect(await screen.findByTestId('sms-status')).toHaveTextContent('Failed: Number not reachable');
  });

  it('shows the link as sending while it is queued, and as sent once the server says the SMS went', async () => {
    const queued = { ...SMS, status: 'queued', attempts: 0, nextAttemptAt: null };
    const server = stubFetch()
      // The page fetches the case again once the invite is sent (it is still queued then), and again on case:changed.
      .on(
        'GET',
        CASE_URL,
        { status: 200, body: aCase() },
        { status: 200, body: aCase({ lastSms: queued }) },
        { status: 200, body: aCase({ lastSms: { ...SMS, attempts: 1 } }) },
      )
      .on('GET', `${CASE_URL}/decisions`, { status: 200, body: [] })
      .on('POST', `${CASE_URL}/invites`, { status: 201, body: { ...INVITE, sms: queued } });
    const { user } = renderCase();

    await user.click(await screen.findByRole('button', { name: 'Send video link to 07700 900123' }));
    expect(await screen.findByTestId('sms-status')).toHaveTextContent(/^Sending to 07700 900123… \(queued at \d\d:\d\d\)$/);
    await waitFor(() => expect(server.callsTo('GET', CASE_URL)).toHaveLength(2));
    expect(screen.getByTestId('sms-status')).toHaveTextContent(/^Sending to 07700 900123…/);

    fake.current?.emit('case:changed', { caseId: CASE_ID });
    expect(await screen.findByText(/^Sent to 07700 900123 at \d\d:\d\d$/)).toBeInTheDocument();
  });

  it('says an SMS is being retried, why, and when; and that it was delivered', async () => {
    const retrying = { ...SMS, status: 'queued', failureReason: 'Could not reach GOV.UK Notify', attempts: 1, nextAttemptAt: '2025-11-23T14:02:05.000Z' };
    stubFetch()
      .on('GET', CASE_URL, { status: 200, body: aCase({ lastSms: retrying }) }, { status: 200, body: aCase({ lastSms: { ...SMS, status: 'delivered', attempts: 2 } }) })
      .on('GET', `${CASE_URL}/decisions`, { status: 200, body: [] });
    renderCase();
    expect(await screen.findByTestId('sms-status')).toHaveTextContent(
      /^Retrying: not sent to 07700 900123 yet \(Could not reach GOV.UK Notify\)\. Trying again at \d\d:\d\d\.$/,
    );

    fake.current?.emit('case:changed', { caseId: CASE_ID });
    expect(await screen.findByText(/^Sent to 07700 900123 at \d\d:\d\d, delivered$/)).toBeInTheDocument();
  });

  it('shows the safety-netting SMS of a signed decision going from queued to sent when the server says the case changed', async () => {
    const decision = (status: string) => aDecision({ safetyNettingSms: { ...SMS, id: 'sms-advice', status, attempts: status === 'sent' ? 1 : 0 } });
    stubFetch()
      .on('GET', CASE_URL, { status: 200, body: aCase({ status: 'closed' }) })
      .on('GET', `${CASE_URL}/decisions`, { status: 200, body: [decision('queued')] }, { status: 200, body: [decision('sent')] });
    renderCase();
    const view = await screen.findByTestId('signed-decision');
    await within(view).findByText(/^Sending to 07700 900123…/);

    fake.current?.emit('case:changed', { caseId: CASE_ID });
    expect(await within(view).findByText(/^Sent to 07700 900123 at \d\d:\d\d$/)).toBeInTheDocument();
  });

  it('explains 422 MOBILE_REQUIRED: phone assessment continues', async () => {
    stubFetch()
      .on('GET', CASE_URL, { status: 200, body: aCase({ callerPhone: '+441134960000', callerPhoneKind: 'landline' }) })
      .on('GET', `${CASE_URL}/decisions`, { status: 200, body: [] })
      .on('POST', `${CASE_URL}/invites`, apiError(422, 'MOBILE_REQUIRED', 'A mobile number is required'));
    const { user } = renderCase();

    await user.click(await screen.findByRole('button', { name: 'Send video link to 0113 496 0000' }));

    const callout = (await screen.findByRole('heading', { name: /A mobile is needed for the video link/ })).closest('div');
    expect(callout).not.toBeNull();
    expect(within(callout as HTMLElement).getByText(/Continue the assessment by phone/)).toBeInTheDocument();
  });

  it('fetches the case again when the server says it changed', async () => {
    const server = stubFetch()
      .on('GET', CASE_URL, { status: 200, body: aCase() }, { status: 200, body: aCase({ lastSms: SMS }) })
      .on('GET', `${CASE_URL}/decisions`, { status: 200, body: [] });
    renderCase();
    await screen.findByRole('button', { name: 'Send video link to 07700 900123' });

    fake.current?.emit('case:changed', { caseId: CASE_ID });

    expect(await screen.findByTestId('sms-status')).toHaveTextContent(/^Sent to 07700 900123/);
    expect(server.callsTo('GET', CASE_URL)).toHaveLength(2);
  });

  it('says when the case does not exist', async () => {
    stubFetch().on('GET', CASE_URL, apiError(404, 'NOT_FOUND', 'Not found'));
    renderCase();
    expect(await screen.findByRole('heading', { name: 'Case not found' })).toBeInTheDocument();
  });

  it('invites a colleague with a role, a name and a mobile number, and says where the link went', async () => {
    const guest = {
      ...INVITE,
      participant: { id: 'g1', role: 'interpreter', name: 'Ana Kowalska', state: 'invited', reason: null, present: false },
      sms: { ...SMS, to: '+447700900777' },
    };
    const server = stubFetch()
      .on('GET', CASE_URL, { status: 200, body: aCase() })
      .on('GET', `${CASE_URL}/decisions`, { status: 200, body: [] })
      .on('POST', `${CASE_URL}/invites`, apiError(422, 'MOBILE_REQUIRED', 'The link is sent by text message: give a mobile number.'), { status: 201, body: guest });
    const { user } = renderCase();
    await user.click(await screen.findByRole('button', { name: 'Invite a colleague' }));
    // Nothing is sent until the form is complete.
    await user.click(screen.getByRole('button', { name: 'Send invite link' }));
    expect(screen.getByText('Choose their role')).toBeInTheDocument();
    expect(server.callsTo('POST', `${CASE_URL}/invites`)).toHaveLength(0);

    await user.selectOptions(screen.getByLabelText('Role'), 'Interpreter');
    await user.type(screen.getByLabelText('Name'), 'Ana Kowalska');
    await user.type(screen.getByLabelText('Mobile number'), '0113 496 0000');
    await user.click(screen.getByRole('button', { name: 'Send invite link' }));
    expect(await screen.findByText('The link goes by text message: enter a mobile number')).toBeInTheDocument();

    await user.clear(screen.getByLabelText('Mobile number'));
    await user.type(screen.getByLabelText('Mobile number'), '07700 900777');
    await user.click(screen.getByRole('button', { name: 'Send invite link' }));
    expect(await screen.findByTestId('guest-sms-status')).toHaveTextContent('Link sent to Ana Kowalska (interpreter) on 07700 900777');
    expect(server.callsTo('POST', `${CASE_URL}/invites`).map((c) => c.body)).toEqual([
      { role: 'interpreter', name: 'Ana Kowalska', phone: '0113 496 0000' },
      { role: 'interpreter', name: 'Ana Kowalska', phone: '07700 900777' },
    ]);
  });
});

describe('CasePage: the link and call controls follow the call', () => {
  const PARENT = (state: LiveCall['participants'][number]['state']) => [
    { role: 'clinician', state: 'admitted' as const },
    { role: 'parent', state },
  ];
  const live = (state: LiveCall['state'], parent: LiveCall['participants'][number]['state'], reason: LiveCall['reason'] = null, holding = true): LiveCall => ({
    state,
    reason,
    participants: PARENT(parent),
    holding,
  });
  /** The socket's call:state, as the call panel hands it to the page. */
  const push = (call: LiveCall) => act(() => panel.onCallChange?.(call));
  const QR = { name: 'QR code of the join link for a phone on this network' };

  function renderInvited() {
    stubFetch()
      .on('GET', CASE_URL, { status: 200, body: aCase({ call: INVITE.call, lastSms: SMS, devJoinLink: INVITE.devJoinLink }) })
      .on('GET', `${CASE_URL}/decisions`, { status: 200, body: [] })
      .on('POST', `${CASE_URL}/invites`, { status: 201, body: INVITE });
    return renderCase();
  }

  beforeEach(() => {
    fake.current = createFakeSocket();
    panel.onCallChange = null;
    useSessionStore.setState({ status: 'signed_in', session: null, error: null });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('never texts the parent again mid-call: Send is disabled while they wait or are on the video, and the used QR code goes', async () => {
    renderInvited();
    const send = await screen.findByRole('button', { name: 'Send video link again to 07700 900123' });
    expect(send).toBeEnabled();
    expect(screen.getByRole('img', QR)).toBeInTheDocument();

    push(live('parent_waiting', 'waiting'));
    expect(screen.getByRole('button', { name: 'Send video link again to 07700 900123' })).toBeDisabled();
    expect(screen.getByText(/a new link cannot be sent during the call/)).toBeInTheDocument();
    expect(screen.queryByRole('img', QR)).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: INVITE.devJoinLink })).not.toBeInTheDocument();

    push(live('connected', 'connected'));
    expect(screen.getByRole('button', { name: 'Send video link again to 07700 900123' })).toBeDisabled();
  });

  it('takes the QR code away after the call ended, and the next link is a first one for a new call', async () => {
    renderInvited();
    expect(await screen.findByRole('img', QR)).toBeInTheDocument();

    push(live('ended', 'left', 'clinician_ended'));
    expect(screen.queryByRole('img', QR)).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: INVITE.devJoinLink })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send video link to 07700 900123' })).toBeEnabled();
  });

  it('says plainly when the link expired unused, and when, and offers sending again without the dead QR code', async () => {
    const { user } = renderInvited();
    await user.click(await screen.findByRole('button', { name: 'Send video link again to 07700 900123' }));
    await screen.findByRole('img', QR);

    push(live('failed', 'invited', 'link_expired'));
    expect(screen.getByTestId('link-expired')).toHaveTextContent(
      `The video link expired unused at ${formatTime(INVITE.expiresAt)}. Send a new one if you still need video.`,
    );
    expect(screen.queryByRole('img', QR)).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send video link again to 07700 900123' })).toBeEnabled();
    expect(screen.getByTestId('call-announcer')).toHaveTextContent('The video link expired');
  });

  it('after a reload, says when the unused link expired: the case view carries the time', async () => {
    // No POST from this page: everything it knows comes from the case, as after a reload.
    const expiredCall = { ...INVITE.call, state: 'failed', reason: 'link_expired', linkExpiresAt: INVITE.expiresAt };
    stubFetch()
      .on('GET', CASE_URL, { status: 200, body: aCase({ call: expiredCall, lastSms: SMS }) })
      .on('GET', `${CASE_URL}/decisions`, { status: 200, body: [] });
    renderCase();

    expect(await screen.findByTestId('link-expired')).toHaveTextContent(
      `The video link expired unused at ${formatTime(INVITE.expiresAt)}. Send a new one if you still need video.`,
    );
    expect(screen.queryByTestId('link-expires')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send video link again to 07700 900123' })).toBeEnabled();
  });

  it('after a reload, says until when the unused link works, and stops saying it once the parent used it', async () => {
    stubFetch()
      .on('GET', CASE_URL, { status: 200, body: aCase({ call: { ...INVITE.call, linkExpiresAt: INVITE.expiresAt }, lastSms: SMS }) })
      .on('GET', `${CASE_URL}/decisions`, { status: 200, body: [] });
    renderCase();

    expect(await screen.findByTestId('link-expires')).toHaveTextContent(`The link works until ${formatTime(INVITE.expiresAt)}.`);
    expect(screen.queryByTestId('link-expired')).not.toBeInTheDocument();

    push(live('parent_waiting', 'waiting'));
    expect(screen.queryByTestId('link-expires')).not.toBeInTheDocument();
  });

  it('says nothing of an expiry the case view does not give (an older server)', async () => {
    stubFetch()
      .on('GET', CASE_URL, { status: 200, body: aCase({ call: { ...INVITE.call, state: 'failed', reason: 'link_expired' }, lastSms: SMS }) })
      .on('GET', `${CASE_URL}/decisions`, { status: 200, body: [] });
    renderCase();

    expect(await screen.findByTestId('link-expired')).toHaveTextContent(/The video link expired unused\. Send a new one/);
    expect(screen.queryByTestId('link-expires')).not.toBeInTheDocument();
  });

  it('shows no "end the call first" once the parent has left, and lets a new link go', async () => {
    renderInvited();
    await screen.findByTestId('call-panel');
    push(live('connected', 'connected'));
    expect(await screen.findByText(/a new link cannot be sent during the call/)).toBeInTheDocument();

    push(live('failed', 'left', 'parent_left'));
    expect(screen.queryByText(/cannot be sent during the call|End the call/i)).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send video link again to 07700 900123' })).toBeEnabled();
  });

  it('announces the call state in one polite live region', async () => {
    renderInvited();
    const announcer = await screen.findByTestId('call-announcer');
    expect(announcer).toHaveAttribute('role', 'status');
    expect(announcer).toHaveAttribute('aria-live', 'polite');

    push(live('parent_waiting', 'waiting'));
    expect(announcer).toHaveTextContent('The parent is waiting');
    push(live('connected', 'connected'));
    expect(announcer).toHaveTextContent('The parent is in the call');
    // One region says it: no other live region repeats the call's state.
    expect(screen.getAllByRole('status').filter((region) => /parent is/i.test(region.textContent ?? ''))).toEqual([announcer]);
  });

  it('asks before leaving a live call in the app: "Stay in the call" keeps the page, "Leave anyway" goes', async () => {
    const { user } = renderInvited();
    await screen.findByTestId('call-panel');
    push(live('connected', 'connected'));

    await user.click(screen.getByRole('link', { name: 'Back to open cases' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Leave the call?' });
    expect(dialog).toHaveTextContent('The parent stays on the video and will see that you are reconnecting');
    expect(dialog).toHaveTextContent('call them back on 07700 900123');
    expect(within(dialog).getByRole('button', { name: 'Stay in the call' })).toHaveFocus();

    await user.click(within(dialog).getByRole('button', { name: 'Stay in the call' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByTestId('call-panel')).toBeInTheDocument();
    expect(screen.queryByTestId('navigated')).not.toBeInTheDocument();

    await user.click(screen.getByRole('link', { name: 'Back to open cases' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Leave anyway' }));
    expect(await screen.findByTestId('navigated')).toBeInTheDocument();
  });

  it('asks the browser before the tab closes or reloads on a live call, and not once it is over or held by another tab', async () => {
    renderInvited();
    await screen.findByTestId('call-panel');
    const unload = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(unload()).toBe(false);

    push(live('parent_waiting', 'waiting'));
    expect(unload()).toBe(true);

    push(live('connected', 'connected', null, false));
    expect(unload()).toBe(false);

    push(live('ended', 'left', 'clinician_ended'));
    expect(unload()).toBe(false);
  });

  it('lets the clinician go freely when no call is live', async () => {
    const { user } = renderInvited();
    await screen.findByTestId('call-panel');
    push(live('invited', 'invited'));
    await user.click(screen.getByRole('link', { name: 'Back to open cases' }));
    expect(await screen.findByTestId('navigated')).toBeInTheDocument();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });
});
