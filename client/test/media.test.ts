import { describe, expect, it, vi } from 'vitest';
import { CALL_CONSTRAINTS, getUserMedia, mediaFailure } from '../src/features/video/media';
import { domError, fakeStream } from './call-fakes';

function mediaDevicesRejecting(error: unknown): MediaDevices {
  return { getUserMedia: vi.fn(async () => Promise.reject(error)) } as unknown as MediaDevices;
}

describe('camera and microphone access', () => {
  it('maps a refused permission prompt (NotAllowedError) to permission_denied', async () => {
    const result = await getUserMedia(CALL_CONSTRAINTS, {
      mediaDevices: mediaDevicesRejecting(domError('NotAllowedError', 'Permission denied')),
      isSecureContext: true,
    });
    expect(result).toMatchObject({ ok: false, reason: 'permission_denied' });
  });

  it('maps a missing camera (NotFoundError) and an impossible constraint (OverconstrainedError) to no_camera', () => {
    expect(mediaFailure(domError('NotFoundError')).reason).toBe('no_camera');
    // Chrome's OverconstrainedError is not always a DOMException: only its name is relied on.
    expect(mediaFailure({ name: 'OverconstrainedError', constraint: 'facingMode' }).reason).toBe('no_camera');
  });

  it('reports insecure_context when there is no navigator.mediaDevices on plain http', async () => {
    const result = await getUserMedia(CALL_CONSTRAINTS, { mediaDevices: undefined, isSecureContext: false });
    expect(result).toMatchObject({ ok: false, reason: 'insecure_context' });
  });

  it('tells an https page without mediaDevices (an in-app browser) to open Chrome or Safari', async () => {
    const result = await getUserMedia(CALL_CONSTRAINTS, { mediaDevices: undefined, isSecureContext: true });
    expect(result).toEqual({
      ok: false,
      reason: 'unknown',
      message: 'This browser cannot use the camera. Open the link in Chrome or Safari.',
    });
  });

  it('maps a camera held by another app, and anything else, to unknown with a plain message', () => {
    expect(mediaFailure(domError('NotReadableError'))).toMatchObject({
      reason: 'unknown',
      message: expect.stringContaining('used by something else'),
    });
    expect(mediaFailure(new Error('boom')).reason).toBe('unknown');
    expect(mediaFailure('not even an error').reason).toBe('unknown');
  });

  it('asks for the front camera at 640x480 and for echo cancellation, noise suppression and gain control', async () => {
    const stream = fakeStream();
    const request = vi.fn(async () => stream);
    const result = await getUserMedia(undefined, {
      mediaDevices: { getUserMedia: request } as unknown as MediaDevices,
      isSecureContext: true,
    });
    expect(result).toEqual({ ok: true, stream });
    expect(request).toHaveBeenCalledWith({
      audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
      video: { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } },
    });
  });
});
