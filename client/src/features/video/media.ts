/** Camera and microphone access, with failures mapped to what the person can do about them. */

export type MediaFailureReason = 'permission_denied' | 'no_camera' | 'insecure_context' | 'unknown';

export type MediaResult =
  | { ok: true; stream: MediaStream }
  | { ok: false; reason: MediaFailureReason; message: string };

export type CameraFacing = 'user' | 'environment';

/** Echo cancellation matters most: the clinician must hear breathing and crying, not themselves. */
export const AUDIO_CONSTRAINTS: MediaTrackConstraints = {
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
};

/** 640×480 is enough to see a rash and light enough for a phone on a weak signal. */
export function videoConstraints(facing: CameraFacing, exact = false): MediaTrackConstraints {
  return {
    facingMode: exact ? { exact: facing } : facing,
    width: { ideal: 640 },
    height: { ideal: 480 },
  };
}

export const CALL_CONSTRAINTS: MediaStreamConstraints = { audio: AUDIO_CONSTRAINTS, video: videoConstraints('user') };

type MediaEnvironment = {
  mediaDevices: MediaDevices | undefined;
  isSecureContext: boolean;
};

function browserEnvironment(): MediaEnvironment {
  return {
    // Undefined on plain http (not localhost) and in some in-app browsers.
    mediaDevices: typeof navigator === 'undefined' ? undefined : (navigator.mediaDevices as MediaDevices | undefined),
    isSecureContext: typeof window === 'undefined' ? true : window.isSecureContext,
  };
}

/** Asks for camera and microphone; never throws. */
export async function getUserMedia(
  constraints: MediaStreamConstraints = CALL_CONSTRAINTS,
  environment: MediaEnvironment = browserEnvironment(),
): Promise<MediaResult> {
  const { mediaDevices } = environment;
  if (!mediaDevices || typeof mediaDevices.getUserMedia !== 'function') {
    return environment.isSecureContext
      ? {
          ok: false,
          reason: 'unknown',
          message: 'This browser cannot use the camera. Open the link in Chrome or Safari.',
        }
      : {
          ok: false,
          reason: 'insecure_context',
          message: 'The camera only works on a secure (https) link.',
        };
  }
  try {
    return { ok: true, stream: await mediaDevices.getUserMedia(constraints) };
  } catch (error) {
    return mediaFailure(error);
  }
}

/** Maps a getUserMedia rejection to a reason the page can explain. */
export function mediaFailure(error: unknown): Extract<MediaResult, { ok: false }> {
  // DOMException, OverconstrainedError and old Chrome's plain objects all carry a `name`.
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError': // older Chrome
    case 'SecurityError':
      return { ok: false, reason: 'permission_denied', message: 'The camera or microphone was blocked.' };
    case 'NotFoundError':
    case 'DevicesNotFoundError': // older Chrome
    case 'OverconstrainedError':
      return { ok: false, reason: 'no_camera', message: 'No camera or microphone was found.' };
    case 'NotReadableError':
    case 'TrackStartError':
      return {
        ok: false,
        reason: 'unknown',
        message: 'The camera is being used by something else. Close other apps that use the camera.',
      };
    default:
      return { ok: false, reason: 'unknown', message: 'The camera could not be started.' };
  }
}

/** Mute and camera-off keep the tracks (and the connection) and just stop sending content. */
export function setTracksEnabled(stream: MediaStream | null, kind: 'audio' | 'video', enabled: boolean): void {
  if (!stream) return;
  const tracks = kind === 'audio' ? stream.getAudioTracks() : stream.getVideoTracks();
  for (const track of tracks) track.enabled = enabled;
}

/** Turns the camera light off. */
export function stopStream(stream: MediaStream | null): void {
  if (!stream) return;
  for (const track of stream.getTracks()) track.stop();
}

/** Whether a switch button makes sense (labels and counts are only reliable after permission). */
export async function countCameras(mediaDevices: MediaDevices | undefined = navigator.mediaDevices): Promise<number> {
  if (!mediaDevices || typeof mediaDevices.enumerateDevices !== 'function') return 0;
  try {
    const devices = await mediaDevices.enumerateDevices();
    return devices.filter((device) => device.kind === 'videoinput').length;
  } catch {
    return 0;
  }
}

/**
 * Opens the camera facing the other way and returns its track. The old video track is stopped
 * first: many phones cannot open two cameras at once. On failure the caller reopens the old side.
 */
export async function openCamera(
  facing: CameraFacing,
  environment: MediaEnvironment = browserEnvironment(),
): Promise<{ ok: true; track: MediaStreamTrack } | Extract<MediaResult, { ok: false }>> {
  const result = await getUserMedia({ video: videoConstraints(facing, true), audio: false }, environment);
  if (!result.ok) return result;
  const [track] = result.stream.getVideoTracks();
  if (!track) return { ok: false, reason: 'no_camera', message: 'No camera was found.' };
  return { ok: true, track };
}
