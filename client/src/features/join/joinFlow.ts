import {
  IN_CALL_STATES,
  joinInfoSchema,
  parentSessionSchema,
  type JoinInfo,
  type ParentSession,
} from '@desk/shared';
import { create } from 'zustand';
import { ApiRequestError, api } from '../../lib/api';
import { getSocket } from '../../lib/socket';
import { createCallController, type CallController } from '../call/controller';
import {
  CALL_CONSTRAINTS,
  countCameras,
  getUserMedia,
  openCamera,
  stopStream,
  type CameraFacing,
  type MediaResult,
} from '../video/media';

/**
 * The parent's side, from the SMS link to the end of the call. Side effects live here; the page
 * only renders `useJoinStore`. The state is module-wide on purpose: the page moves from
 * /join/<token> to /join after the exchange (so the token leaves the address bar), which may mount
 * a fresh component, and the flow must carry on where it was.
 */

export type CameraFailure = Extract<MediaResult, { ok: false }>;

export type JoinPhase =
  | { name: 'loading' }
  /** The link is valid; nothing has been used up yet (SMS apps prefetch links). */
  | { name: 'intro'; token: string; info: JoinInfo }
  | { name: 'joining'; token: string; info: JoinInfo }
  /** Expired, used, revoked, or no parent session on reload. */
  | { name: 'expired' }
  /** Network trouble or too many tries: the same step can be tried again. */
  | { name: 'problem'; message: string; retry: () => Promise<void> }
  | { name: 'camera' }
  | { name: 'camera_failed'; failure: CameraFailure }
  /** The camera works and the server knows the parent is ready; the call store says the rest. */
  | { name: 'live' };

type JoinState = {
  phase: JoinPhase;
  session: ParentSession | null;
  controller: CallController | null;
  facing: CameraFacing;
  cameraCount: number;
  switchingCamera: boolean;
  switchError: string | null;
};

const INITIAL: JoinState = {
  phase: { name: 'loading' },
  session: null,
  controller: null,
  facing: 'user',
  cameraCount: 0,
  switchingCamera: false,
  switchError: null,
};

export const useJoinStore = create<JoinState>()(() => ({ ...INITIAL }));

const set = (patch: Partial<JoinState>) => useJoinStore.setState(patch);
const get = () => useJoinStore.getState();

let previewedToken: string | null = null;
let unsubscribeCall: (() => void) | null = null;

function isGone(error: unknown): boolean {
  return error instanceof ApiRequestError && (error.status === 410 || error.status === 401);
}

function problemMessage(error: unknown): string {
  if (error instanceof ApiRequestError && error.status === 429) {
    return 'You have tried too many times. Wait a minute, then try again.';
  }
  return 'We could not connect. Check you have signal or Wi-Fi, then try again.';
}

/** `/join/<token>`: shows who is calling. Uses nothing up. */
export async function previewLink(token: string): Promise<void> {
  if (previewedToken === token || get().session) return;
  previewedToken = token;
  set({ phase: { name: 'loading' } });
  try {
    const info = await api('POST', '/api/join/preview', joinInfoSchema, { body: { token } });
    set({ phase: { name: 'intro', token, info } });
  } catch (error) {
    if (isGone(error)) set({ phase: { name: 'expired' } });
    else {
      previewedToken = null;
      set({ phase: { name: 'problem', message: problemMessage(error), retry: () => previewLink(token) } });
    }
  }
}

/**
 * The tap on "Join video call": swaps the one-time token for the parent session cookie.
 * Resolves true when the page should drop the token from the address. The camera is asked
 * for straight after, without waiting for the page.
 */
export async function joinWithToken(): Promise<boolean> {
  const { phase } = get();
  if (phase.name !== 'intro') return false;
  const { token, info } = phase;
  set({ phase: { name: 'joining', token, info } });
  let session: ParentSession;
  try {
    session = await api('POST', '/api/join', parentSessionSchema, { body: { token } });
  } catch (error) {
    if (isGone(error)) set({ phase: { name: 'expired' } });
    else
      set({
        phase: {
          name: 'problem',
          message: problemMessage(error),
          retry: async () => {
            set({ phase: { name: 'intro', token, info } });
          },
        },
      });
    return false;
  }
  void beginCall(session);
  return true;
}

/** `/join` (after the exchange, or a reload): the session cookie says who this is. */
export async function resumeSession(): Promise<void> {
  const { phase, session } = get();
  if (session || phase.name === 'joining') return;
  set({ phase: { name: 'loading' } });
  try {
    const resumed = await api('GET', '/api/join/session', parentSessionSchema);
    await beginCall(resumed);
  } catch (error) {
    if (isGone(error)) set({ phase: { name: 'expired' } });
    else set({ phase: { name: 'problem', message: problemMessage(error), retry: resumeSession } });
  }
}

async function beginCall(session: ParentSession): Promise<void> {
  // The socket is opened only now: its handshake needs the parent cookie the exchange just set.
  const controller = createCallController({
    role: 'parent',
    caseId: session.caseId,
    socket: getSocket('parent'),
    iceServers: session.iceServers,
  });
  controller.start();
  unsubscribeCall?.();
  unsubscribeCall = controller.store.subscribe((view, previous) => {
    const state = view.update?.snapshot.state;
    if (!state || state === previous.update?.snapshot.state) return;
    // Camera light off as soon as the call is over; "Try again" opens it afresh.
    if (state === 'ended' || state === 'failed') releaseCamera();
    // lib/socket repeats parent:ready after a reconnection, which can reopen a failed call: the camera comes back for it.
    else if ((state === 'parent_waiting' || IN_CALL_STATES.has(state)) && view.localMedia === 'none' && get().phase.name === 'live') {
      void startCamera({ announce: false });
    }
  });
  set({ session, controller });
  await startCamera();
}

/** Asks for the camera and, once it works, tells the nurse's desk the parent is ready. */
async function startCamera({ announce = true }: { announce?: boolean } = {}): Promise<void> {
  const { controller, session } = get();
  if (!controller || !session) return;
  set({ phase: { name: 'camera' }, facing: 'user', switchError: null });
  controller.setLocalMediaPending();
  const result = await getUserMedia(CALL_CONSTRAINTS);
  if (get().controller !== controller) {
    if (result.ok) stopStream(result.stream);
    return;
  }
  if (!result.ok) {
    controller.setLocalMediaFailed(result);
    set({ phase: { name: 'camera_failed', failure: result } });
    // The server's reasons are the two a nurse can act on; anything else reads as "no camera".
    const reason = result.reason === 'permission_denied' ? 'permission_denied' : 'no_camera';
    getSocket('parent')
      .request('parent:failed', { caseId: session.caseId, reason })
      .catch(() => undefined);
    return;
  }
  controller.setLocalStream(result.stream);
  set({ phase: { name: 'live' } });
  if (announce) controller.announceReady();
  void countCameras().then((cameraCount) => set({ cameraCount }));
}

/** "Try again" after the camera was blocked or missing: no new link needed. */
export function retryCamera(): Promise<void> {
  return startCamera();
}

/** "Try video again" after the video failed: reopen the camera and wait to be let in again. */
export function retryVideo(): Promise<void> {
  return startCamera();
}

function releaseCamera(): void {
  const { controller } = get();
  if (!controller) return;
  const { localStream } = controller.store.getState();
  stopStream(localStream);
  controller.setLocalStream(null);
}

export async function endCall(): Promise<void> {
  const { controller } = get();
  if (!controller) return;
  await controller.end();
  if (controller.store.getState().update?.snapshot.state === 'ended') releaseCamera();
}

/** Front ↔ back camera (the back camera shows a rash better). */
export async function switchCamera(): Promise<void> {
  const { controller, facing, switchingCamera } = get();
  if (!controller || switchingCamera) return;
  const stream = controller.store.getState().localStream;
  if (!stream) return;
  const next: CameraFacing = facing === 'user' ? 'environment' : 'user';
  set({ switchingCamera: true, switchError: null });
  // Many phones cannot hold two cameras open at once: let go of this one first.
  for (const track of stream.getVideoTracks()) track.stop();
  let opened = await openCamera(next);
  let nowFacing = next;
  if (!opened.ok) {
    opened = await openCamera(facing);
    nowFacing = facing;
    set({ switchError: 'Could not switch camera.' });
  }
  if (opened.ok) controller.replaceVideoTrack(opened.track);
  set({ switchingCamera: false, facing: nowFacing });
}

/** Tests only: forget everything. */
export function resetJoinFlow(): void {
  get().controller?.stop();
  unsubscribeCall?.();
  unsubscribeCall = null;
  previewedToken = null;
  useJoinStore.setState({ ...INITIAL }, true);
}
