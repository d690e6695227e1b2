import { browserVerdict, isParentLanguage, type BrowserCapability, type BrowserFailReason, type CallUpdate, type JoinInfo, type JoinSession } from '@desk/shared';
import { create } from 'zustand';
import { ApiRequestError, api, postAndForget } from '../../lib/api';
import { PAGE_ENDPOINT } from '../../lib/pageEndpoint';
import type { CallController } from '../call/controller';
import type { CameraFailure } from '../call/localMedia';
import { AUDIO_CONSTRAINTS, CALL_CONSTRAINTS, getUserMedia, type MediaResult } from '../video/media';
import { openedInLanguage, useLocaleStore } from '../i18n/locale';
import { checkBrowser } from './browserCheck';
import { consentTextVersion } from './consent';
import type { FailureCode } from './joinText';
import { joinInfoReader, joinSessionReader } from './wire';

/**
 * The side of whoever holds a link (the parent, or a guest), from the SMS link to the end of the
 * call. Side effects live here; the page only renders `useJoinStore` and the call controller's
 * stores. The state is module-wide on purpose: the page moves from /join/<token> to /join after
 * the exchange (so the token leaves the address bar), which may mount a fresh component, and the
 * flow must carry on where it was.
 */

export type { CameraFailure };

export type JoinPhase =
  | { name: 'loading' }
  /** The link is valid; nothing has been used up yet (SMS apps prefetch links). */
  | { name: 'intro'; token: string; info: JoinInfo }
  /** This browser cannot hold the call (an app's own browser, or no WebRTC): how to open the link elsewhere. */
  | { name: 'browser'; token: string; info: JoinInfo; verdict: BrowserFailReason; capability: BrowserCapability }
  | { name: 'joining'; token: string; info: JoinInfo }
  /** Expired, used, revoked, or no join session on reload. */
  | { name: 'expired' }
  /**
   * Network trouble or too many tries: the same step can be tried again. `code` says what went
   * wrong (the page words it in the parent's language; the server's English message is dropped).
   * `message` is the same code, under the name JoinPage reads until it passes `code`.
   */
  | { name: 'problem'; code: FailureCode; retry: () => Promise<void> }
  | { name: 'camera' }
  | { name: 'camera_failed'; failure: CameraFailure }
  /** The parent chose to stay on the phone call instead of video. */
  | { name: 'phone_only' }
  /** The camera works and the server knows; the call's stores say the rest. */
  | { name: 'live' };

type JoinState = {
  phase: JoinPhase;
  session: JoinSession | null;
  controller: CallController | null;
  /** What the browser check found as the link opened (null after a reload at /join: the user agent stands in). */
  capability: BrowserCapability | null;
  /** "Join with sound only": the microphone without the camera. */
  soundOnly: boolean;
};

const INITIAL: JoinState = { phase: { name: 'loading' }, session: null, controller: null, capability: null, soundOnly: false };

export const useJoinStore = create<JoinState>()(() => ({ ...INITIAL }));

const set = (patch: Partial<JoinState>) => useJoinStore.setState(patch);
const get = () => useJoinStore.getState();

let previewedToken: string | null = null;
let unsubscribeCall: (() => void) | null = null;
let removePagehide: (() => void) | null = null;

function isGone(error: unknown): error is ApiRequestError {
  return error instanceof ApiRequestError && (error.status === 410 || error.status === 401);
}

/** The "expired or already used" page, in the language the dead link says (a parent's link does), unless the parent picked one. */
function showExpired(error: ApiRequestError): void {
  const language = error.fields.language;
  if (isParentLanguage(language)) openedInLanguage(language);
  set({ phase: { name: 'expired' } });
}

/** What went wrong, as a code: the server's, RATE_LIMITED for any 429, NETWORK when no answer came (or the code did not load). */
function failureCode(error: unknown): FailureCode {
  if (!(error instanceof ApiRequestError)) return 'NETWORK';
  return error.status === 429 ? 'RATE_LIMITED' : error.code;
}

const problem = (error: unknown, retry: () => Promise<void>): JoinPhase => {
  const code = failureCode(error);
  return { name: 'problem', code, retry };
};

/**
 * `/join/<token>`: checks the browser, then shows who is calling, or at once how to open the link
 * in a browser that can hold the call. Uses nothing up; the check goes with the preview, so the
 * desk hears why before the parent taps anything.
 */
export async function previewLink(token: string): Promise<void> {
  if (previewedToken === token || get().session) return;
  previewedToken = token;
  set({ phase: { name: 'loading' } });
  try {
    const capability = get().capability ?? (await checkBrowser());
    set({ capability });
    const info = await api('POST', '/api/join/preview', joinInfoReader, { body: { token, capability } });
    const verdict = browserVerdict(capability);
    set({ phase: verdict === 'ok' ? { name: 'intro', token, info } : { name: 'browser', token, info, verdict, capability } });
  } catch (error) {
    if (isGone(error)) showExpired(error);
    else {
      previewedToken = null;
      set({ phase: problem(error, () => previewLink(token)) });
    }
  }
}

/** "Try in this app anyway" on the in-app page: the browser has the APIs, so the parent may try. */
export function tryHereAnyway(): void {
  const { phase } = get();
  if (phase.name === 'browser') set({ phase: { name: 'intro', token: phase.token, info: phase.info } });
}

/**
 * The tap on "Join video call", after the page said the video is not recorded and can be ended at
 * any time: the parent's consent to video, sent with the words' version. Swaps the one-time token
 * for the join session cookie. Resolves true when the page should drop the token from the address.
 * The camera is asked for straight after.
 */
export async function joinWithToken(): Promise<boolean> {
  const { phase } = get();
  if (phase.name !== 'intro') return false;
  const { token, info } = phase;
  set({ phase: { name: 'joining', token, info } });
  let session: JoinSession;
  try {
    // The words shown were the ones of the language on screen: the audit names both.
    session = await api('POST', '/api/join', joinSessionReader, { body: { token, consentText: consentTextVersion(useLocaleStore.getState().lang) } });
  } catch (error) {
    if (isGone(error)) showExpired(error);
    else set({ phase: problem(error, async () => set({ phase: { name: 'intro', token, info } })) });
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
    await beginCall(await api('GET', '/api/join/session', joinSessionReader));
  } catch (error) {
    if (isGone(error)) showExpired(error);
    else set({ phase: problem(error, resumeSession) });
  }
}

/** Whether this page should have its camera on: the call is open and this person is still part of it. */
function wantsCamera(update: CallUpdate | null, session: JoinSession): boolean {
  if (!update) return true;
  if (update.snapshot.state === 'ended') return false;
  // A call failed because this page's own camera did (its camera_failed report, echoed back) leaves the
  // camera to this page: "Try again" or "Join with sound only" may have opened it before the echo arrived.
  const ownCameraFailure = update.snapshot.reason === 'permission_denied' || update.snapshot.reason === 'no_camera';
  if (session.role === 'parent' && update.snapshot.state === 'failed' && !ownCameraFailure) return false;
  const me = update.participants.find((p) => p.id === session.participantId);
  return me?.state !== 'left' && me?.state !== 'removed';
}

let callLayer: Promise<typeof import('./callLayer')> | null = null;

/** socket.io-client, the controller and the in-call screen: loaded once, after the Join tap (or on a reload at /join). */
function loadCallLayer(): Promise<typeof import('./callLayer')> {
  if (!callLayer) {
    callLayer = import('./callLayer');
    callLayer.catch(() => {
      callLayer = null;
    });
    // The in-call screen's own chunk, fetched alongside.
    void import('./ParentCall').catch(() => undefined);
  }
  return callLayer;
}

/** The camera and microphone, or the microphone alone after "Join with sound only". */
function openMedia(): Promise<MediaResult> {
  return getUserMedia(get().soundOnly ? { audio: AUDIO_CONSTRAINTS, video: false } : CALL_CONSTRAINTS);
}

async function beginCall(session: JoinSession): Promise<void> {
  // The session first: the move to /join must find it (and not fetch it again) while the call layer loads.
  set({ session, phase: { name: 'camera' } });
  // The camera prompt comes up at once; the call layer's code loads behind it, while the parent answers.
  let firstCamera: Promise<MediaResult> | null = openMedia();
  let openCall: typeof import('./callLayer').openCall;
  try {
    ({ openCall } = await loadCallLayer());
  } catch {
    // The code did not arrive (the signal dropped): camera light off, and the same step can be tried again.
    void firstCamera.then((result) => result.ok && result.stream.getTracks().forEach((track) => track.stop()));
    set({ phase: problem(null, () => beginCall(session)) });
    return;
  }
  const controller = openCall(session, () => {
    const pending = firstCamera;
    firstCamera = null;
    return pending ?? openMedia();
  });
  controller.start();
  unsubscribeCall?.();
  unsubscribeCall = controller.session.store.subscribe((view, previous) => {
    // Camera light off as soon as this person is out of the call; "Try video again" or "Rejoin" opens it afresh.
    // Only on the change: while a rejoin opens the camera the old snapshot still says "left", and must not close it.
    const wanted = (v: typeof view) => wantsCamera(v.update, session) && !v.movedAway;
    if (wanted(previous) && !wanted(view)) controller.media.release();
  });
  removePagehide?.();
  removePagehide = watchPagehide();
  set({ session, controller });
  await startCamera();
}

/**
 * The page is going (closed, or reloading): tell the server, so a page that does not come back
 * counts as left within seconds rather than a minute. A reload comes back and carries on.
 */
function watchPagehide(): () => void {
  const onPagehide = () => postAndForget('/api/join/leaving', { endpoint: PAGE_ENDPOINT });
  window.addEventListener('pagehide', onPagehide);
  return () => window.removeEventListener('pagehide', onPagehide);
}

/** Asks for the camera and, once it works, tells the desk this person is ready. */
async function startCamera(): Promise<void> {
  const { controller } = get();
  if (!controller) return;
  set({ phase: { name: 'camera' } });
  const result = await controller.media.acquire();
  if (get().controller !== controller) {
    controller.media.release();
    return;
  }
  if (result.ok && get().soundOnly) controller.setMode('audio');
  if (!result.ok) {
    set({ phase: { name: 'camera_failed', failure: result } });
    // The server's reasons are the two a nurse can act on; anything else reads as "no camera".
    await controller.cameraFailed(result.reason === 'permission_denied' ? 'permission_denied' : 'no_camera');
    return;
  }
  set({ phase: { name: 'live' } });
  await controller.ready();
  // The server would not have this person back (the call ended meanwhile, say): camera light off.
  const { session } = get();
  if (session && !wantsCamera(controller.session.store.getState().update, session)) controller.media.release();
}

/** "Try again" after the camera was blocked or missing: no new link needed. */
export async function retryCamera(reload: () => void = () => window.location.reload()): Promise<void> {
  set({ soundOnly: false });
  await startCamera();
  const { phase } = get();
  // Some browsers keep a page's refusal until it loads again, even once the parent has allowed the
  // camera in the settings: a fresh page (the join session cookie brings it back here) asks anew.
  if (phase.name === 'camera_failed' && phase.failure.reason === 'permission_denied') reload();
}

/** "Join with sound only": the nurse hears the child (breathing, the cough, the cry) without the camera. */
export const joinWithSoundOnly = (): Promise<void> => {
  set({ soundOnly: true });
  return startCamera();
};

/** "Stay on the phone call instead": out of the video for good; the nurse carries on by phone. */
export async function stayOnPhone(): Promise<void> {
  set({ phase: { name: 'phone_only' } });
  await leaveCall('phone_fallback');
}

/** "Try video again" after the video failed, and "Rejoin" after leaving: camera on, back to the waiting room. */
export const rejoin = (): Promise<void> => startCamera();

/** "Use this tab": this page takes the call back from another tab or window. */
export async function takeCallHere(): Promise<void> {
  const { controller } = get();
  if (!controller) return;
  if (controller.media.store.getState().status !== 'ready') return startCamera();
  await controller.ready();
}

/** End (or "Continue by phone"): this person leaves; the call goes on for the others. */
export async function leaveCall(reason: 'left' | 'phone_fallback' = 'left'): Promise<void> {
  const { controller } = get();
  if (!controller) return;
  await controller.leave(reason);
  controller.media.release();
}

/** Tests only: forget everything. */
export function resetJoinFlow(): void {
  get().controller?.stop();
  unsubscribeCall?.();
  unsubscribeCall = null;
  removePagehide?.();
  removePagehide = null;
  previewedToken = null;
  callLayer = null;
  useJoinStore.setState({ ...INITIAL }, true);
}
