import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { caseSchema, type AskUpdate, type JoinSession, type ParentAsk, type PhotoRequest as PhotoRequestView } from '@desk/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { useSessionStore } from '../src/features/auth/sessionStore';
import { AskForPhoto } from '../src/features/call/AskForPhoto';
import type { CallController } from '../src/features/call/controller';
import type { LocalMediaView } from '../src/features/call/localMedia';
import { CasePhotos } from '../src/features/cases/CasePhotos';
import { PhotoRequest } from '../src/features/join/PhotoRequest';
import { aCase } from './helpers';
import { CALL_CASE_ID, CALL_ID, PARENT_ID, createCallSocketFake, fakeStream } from './call-fakes';

const doubles = vi.hoisted(() => ({ socket: null as unknown }));
vi.mock('../src/lib/socket', () => ({ getSocket: () => doubles.socket, closeSocket: () => undefined, PAGE_ENDPOINT: 'test-page' }));

const REQUEST_ID = 'a0000000-0000-4000-8000-0000000000aa';
/** The nurse's photo ask as the asks protocol carries it, in an `ask` update. */
const photoAsk = (patch: Partial<ParentAsk> = {}): AskUpdate => ({
  callId: CALL_ID,
  serverNow: '2025-11-23T14:05:01.000Z',
  ask: {
    id: REQUEST_ID,
    callId: CALL_ID,
    request: { kind: 'photo', subject: 'the rash on her tummy' },
    state: 'open',
    askedAt: '2025-11-23T14:05:00.000Z',
    answeredAt: null,
    timer: null,
    ...patch,
  },
});
/** The photo's own status (`photo:status`). */
const photoStatus = (patch: Partial<PhotoRequestView> = {}): PhotoRequestView => ({
  id: REQUEST_ID,
  callId: CALL_ID,
  state: 'asked',
  subject: 'the rash on her tummy',
  requestedAt: '2025-11-23T14:05:00.000Z',
  photoId: null,
  failure: null,
  ...patch,
});

/** Structure rules, as client/test/a11y.test.tsx; `region` is off because each part is rendered here without the page's landmarks around it. */
async function expectNoAxeViolations() {
  const results = await axe.run(document.documentElement, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } }, resultTypes: ['violations'] });
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

let server: ReturnType<typeof createCallSocketFake>;
beforeEach(() => {
  // What the page around these parts gives them.
  document.documentElement.lang = 'en';
  document.title = 'Photo test';
  server = createCallSocketFake();
  doubles.socket = server.socket;
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('Ask for a photo (the desk’s call panel)', () => {
  it('is disabled until the parent is in the call', () => {
    render(<AskForPhoto callId={CALL_ID} socket={server.socket} parentInCall={false} />);
    expect(screen.getByRole('button', { name: 'Ask for a photo' })).toBeDisabled();
  });

  it('asks with the clinician’s words, then shows asked, declined, failed with the reason, and received', async () => {
    server.answer('ask:send', () => photoAsk());
    const user = userEvent.setup();
    render(<AskForPhoto callId={CALL_ID} socket={server.socket} parentInCall />);
    await user.type(screen.getByLabelText('What should the photo show? (optional)'), 'the rash on her tummy');
    await user.click(screen.getByRole('button', { name: 'Ask for a photo' }));
    expect(server.sent('ask:send')).toEqual([{ callId: CALL_ID, request: { kind: 'photo', subject: 'the rash on her tummy' } }]);
    expect(await screen.findByRole('status')).toHaveTextContent('Asked the parent for a photo. Waiting for them to take and send it.');
    expect(screen.getByTestId('photo-request-state')).toHaveAttribute('data-state', 'asked');

    act(() => server.emit('photo:status', photoStatus({ state: 'failed', failure: { code: 'PHOTO_TOO_LARGE', message: 'The photo is too large: at most 10 MB.' } })));
    expect(screen.getByRole('status')).toHaveTextContent('The parent’s photo could not be sent. The photo is too large: at most 10 MB. They can take it again and send it.');

    act(() => server.emit('ask', photoAsk({ state: 'declined' })));
    expect(screen.getByRole('status')).toHaveTextContent('The parent chose not to send a photo.');

    act(() => server.emit('ask', photoAsk({ state: 'accepted' })));
    expect(screen.getByRole('status')).toHaveTextContent('Photo received. It is on the case, under Photos.');
    expect(screen.getByTestId('photo-request-state')).toHaveAttribute('data-state', 'received');
    await expectNoAxeViolations();
    // Another call's news is not this panel's.
    act(() => server.emit('ask', { ...photoAsk({ state: 'declined' }), callId: 'another-call' }));
    expect(screen.getByTestId('photo-request-state')).toHaveAttribute('data-state', 'received');
    // Another kind of ask replaces the photo ask (one current ask per call).
    act(() => server.emit('ask', { ...photoAsk(), ask: { ...photoAsk().ask!, id: 'b0000000-0000-4000-8000-0000000000bb', request: { kind: 'back_camera' } } }));
    expect(screen.getByTestId('photo-request-state')).toHaveAttribute('data-state', 'none');
  });

  it('says why when the server refuses the request', async () => {
    server.answer('ask:send', () => {
      throw Object.assign(new Error('The parent is not in the video call now.'), { code: 'PARENT_NOT_IN_CALL' });
    });
    const user = userEvent.setup();
    render(<AskForPhoto callId={CALL_ID} socket={server.socket} parentInCall />);
    await user.click(screen.getByRole('button', { name: 'Ask for a photo' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The parent is not in the video call now.');
    expect(server.sent('ask:send')).toEqual([{ callId: CALL_ID, request: { kind: 'photo' } }]);
  });
});

describe('Photos on the case page', () => {
  const PHOTO = { id: 'p1', requestId: REQUEST_ID, mime: 'image/jpeg', width: 480, height: 640, bytes: 1234, sha256: 'abc', createdAt: '2025-11-23T14:06:00.000Z', url: `/api/cases/${CALL_CASE_ID}/photos/p1` };
  const signedInAs = (role: 'clinician' | 'supervisor') =>
    useSessionStore.setState({ status: 'signed_in', session: { user: { id: 'u1', username: role, displayName: 'Sam', role }, iceServers: [], devMode: false }, error: null });

  it('shows a clinician each image from the authenticated route', async () => {
    signedInAs('clinician');
    render(<CasePhotos caseRecord={caseSchema.parse(aCase({ photos: [PHOTO] }))} />);
    const image = screen.getByTestId('case-photo');
    expect(image).toHaveAttribute('src', PHOTO.url);
    expect(image).toHaveAccessibleName(/^Photo 1 sent by the parent at /);
    await expectNoAxeViolations();
  });

  it('tells a supervisor a photo exists without showing it', () => {
    signedInAs('supervisor');
    render(<CasePhotos caseRecord={caseSchema.parse(aCase({ photos: [PHOTO] }))} />);
    expect(screen.queryByTestId('case-photo')).not.toBeInTheDocument();
    expect(screen.getByText('1 photo sent by the parent. Only clinicians can see photos.')).toBeInTheDocument();
  });
});

/** XMLHttpRequest as the upload uses it: the test answers it and moves its progress. */
class FakeXhr {
  static last: FakeXhr | null = null;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown = null;
  status = 0;
  responseText = '';
  withCredentials = false;
  upload: { onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: unknown) {
    this.body = body;
  }
  progress(fraction: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded: fraction * 100, total: 100 });
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

describe('PhotoRequest (the parent’s phone)', () => {
  const SESSION: JoinSession = {
    role: 'parent',
    childFirstName: 'Amelia',
    childAgeMonths: null,
    clinicianName: 'Sam Patel',
    guestName: null,
    service: 'NHS 111 paediatric desk',
    language: 'en',
    caseId: CALL_CASE_ID,
    callId: CALL_ID,
    participantId: PARENT_ID,
    iceServers: [],
  };
  let stream: MediaStream;
  let controller: CallController;
  let created: string[];
  let revoked: string[];
  const photoBlob = new Blob(['jpeg-bytes'], { type: 'image/jpeg' });

  beforeEach(() => {
    stream = fakeStream();
    const media = createStore<Partial<LocalMediaView>>()(() => ({ stream, status: 'ready', videoOff: false, mode: 'full', cameraCount: 1, switching: false }));
    controller = { media: { store: media }, switchCamera: vi.fn() } as unknown as CallController;
    created = [];
    revoked = [];
    vi.stubGlobal('URL', Object.assign(URL, {
      createObjectURL: vi.fn(() => {
        const url = `blob:photo-${created.length + 1}`;
        created.push(url);
        return url;
      }),
      revokeObjectURL: vi.fn((url: string) => revoked.push(url)),
    }));
    vi.stubGlobal(
      'ImageCapture',
      class {
        takePhoto() {
          return Promise.resolve(photoBlob);
        }
      },
    );
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  });

  function renderPhone(session: JoinSession = SESSION) {
    const user = userEvent.setup();
    render(<PhotoRequest controller={controller} session={session} />);
    return { user };
  }

  it('shows nothing until the nurse asks; then what the nurse wants, the rule on private parts and a live preview', async () => {
    renderPhone();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    act(() => server.emit('ask', photoAsk()));
    const dialog = await screen.findByRole('dialog', { name: 'The nurse would like a photo' });
    expect(dialog).toHaveTextContent('Of: the rash on her tummy');
    expect(dialog).toHaveTextContent('Never photograph private parts (the parts a swimsuit covers). The nurse will never ask for this.');
    expect((screen.getByTestId('photo-preview') as HTMLVideoElement).srcObject).toBe(stream);
    expect(screen.getByRole('button', { name: 'Take photo' })).toBeEnabled();
    expect(screen.getByRole('heading', { name: 'The nurse would like a photo' })).toHaveFocus();
    await expectNoAxeViolations();
  });

  it('takes a full-resolution photo, shows it, sends it with progress, and keeps nothing afterwards', async () => {
    const { user } = renderPhone();
    act(() => server.emit('ask', photoAsk()));
    await user.click(await screen.findByRole('button', { name: 'Take photo' }));
    const still = await screen.findByRole('img', { name: 'The photo you took' });
    expect(still).toHaveAttribute('src', 'blob:photo-1');
    expect(screen.queryByTestId('photo-preview')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Take again' })).toBeInTheDocument();
    await expectNoAxeViolations();

    await user.click(screen.getByRole('button', { name: 'Send photo' }));
    const xhr = FakeXhr.last!;
    expect([xhr.method, xhr.url, xhr.headers['Content-Type'], xhr.body]).toEqual(['POST', `/api/join/photo-requests/${REQUEST_ID}/photo`, 'image/jpeg', photoBlob]);
    act(() => xhr.progress(0.4));
    expect(screen.getByRole('progressbar', { name: 'Sending the photo…' })).toHaveAttribute('value', '0.4');
    act(() => xhr.answer(201, { received: true, width: 480, height: 640 }));
    expect(await screen.findByRole('status')).toHaveTextContent('Photo sent to the nurse. It is not kept on your phone.');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    // The object URL goes when the still unmounts, which may be a render after the status shows.
    await waitFor(() => expect(revoked).toEqual(created));
  });

  it('says clearly when the photo did not send, and lets the parent send again or take another', async () => {
    const { user } = renderPhone();
    act(() => server.emit('ask', photoAsk()));
    await user.click(await screen.findByRole('button', { name: 'Take photo' }));
    await user.click(await screen.findByRole('button', { name: 'Send photo' }));
    act(() => FakeXhr.last!.answer(413, { error: { code: 'PHOTO_TOO_LARGE', message: 'SERVER-ENGLISH: at most 10 MB.' } }));
    // Said from the code in the parent's language; the server's own English never reaches the parent.
    expect(await screen.findByRole('alert')).toHaveTextContent('The photo is too large to send. Take it again.');
    expect(document.body).not.toHaveTextContent('SERVER-ENGLISH');
    expect(screen.getByRole('img', { name: 'The photo you took' })).toBeInTheDocument();
    // The server's own "failed" for this request changes nothing on the screen in hand.
    act(() => server.emit('photo:status', photoStatus({ state: 'failed', failure: { code: 'PHOTO_TOO_LARGE', message: 'x' } })));
    expect(screen.getByRole('button', { name: 'Send photo' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Send photo' }));
    act(() => FakeXhr.last!.onerror?.());
    expect(await screen.findByRole('alert')).toHaveTextContent('The photo did not send. Check you have signal or Wi-Fi, then try again.');
    await user.click(screen.getByRole('button', { name: 'Take again' }));
    expect(screen.getByTestId('photo-preview')).toBeInTheDocument();
    expect(revoked).toEqual(created);
  });

  it('falls back to the video frame when the camera cannot take a photo', async () => {
    vi.stubGlobal('ImageCapture', undefined);
    const frame = new Blob(['frame'], { type: 'image/jpeg' });
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({ drawImage: vi.fn() } as never);
    vi.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation(function (callback) {
      callback(frame);
    });
    const { user } = renderPhone();
    act(() => server.emit('ask', photoAsk()));
    const preview = (await screen.findByTestId('photo-preview')) as HTMLVideoElement;
    Object.defineProperty(preview, 'videoWidth', { value: 1280 });
    Object.defineProperty(preview, 'videoHeight', { value: 720 });
    await user.click(screen.getByRole('button', { name: 'Take photo' }));
    await user.click(await screen.findByRole('button', { name: 'Send photo' }));
    expect(FakeXhr.last!.body).toBe(frame);
  });

  it('tells the nurse when the parent does not want to send one', async () => {
    server.answer('ask:answer', () => photoAsk({ state: 'declined' }));
    const { user } = renderPhone();
    act(() => server.emit('ask', photoAsk()));
    await user.click(await screen.findByRole('button', { name: 'Don’t send' }));
    expect(server.sent('ask:answer')).toEqual([{ callId: CALL_ID, askId: REQUEST_ID, answer: 'declined' }]);
    expect(await screen.findByRole('status')).toHaveTextContent('You chose not to send a photo. The nurse has been told.');
  });

  it('closes when the nurse’s request is replaced or over', async () => {
    renderPhone();
    act(() => server.emit('ask', photoAsk()));
    await screen.findByRole('dialog');
    act(() => server.emit('ask', photoAsk({ state: 'closed' })));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('finds the ask still waiting after a reload or reconnect', async () => {
    server.answer('ask:watch', () => photoAsk());
    renderPhone();
    expect(await screen.findByRole('dialog', { name: 'The nurse would like a photo' })).toBeInTheDocument();
    expect(server.sent('ask:watch')).toEqual([{ callId: CALL_ID }]);
  });

  it('never shows to a guest', () => {
    renderPhone({ ...SESSION, role: 'interpreter' });
    act(() => server.emit('ask', photoAsk()));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
