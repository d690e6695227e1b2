import { PHOTO_MAX_BYTES, photoUploadPath, type PhotoReceipt } from '@desk/shared';

/**
 * Taking and sending the still photo on the parent's phone, with no framework and no zod. The
 * photo is held only as a Blob in memory until it is sent or dropped; nothing is written to the
 * phone's storage, and the caller revokes any object URL it made.
 */

/** JPEG quality of a still grabbed from the video (when the camera cannot take a real photo). */
const CANVAS_JPEG_QUALITY = 0.92;

type ImageCaptureLike = { takePhoto(): Promise<Blob> };
type ImageCaptureConstructor = new (track: MediaStreamTrack) => ImageCaptureLike;

function imageCaptureFor(track: MediaStreamTrack): ImageCaptureLike | null {
  const Ctor = (globalThis as { ImageCapture?: ImageCaptureConstructor }).ImageCapture;
  if (!Ctor) return null;
  try {
    return new Ctor(track);
  } catch {
    return null;
  }
}

/** The frame the preview shows, at the camera's own size (not the size the page draws it). */
export function grabFrame(video: HTMLVideoElement): Promise<Blob> {
  const width = video.videoWidth;
  const height = video.videoHeight;
  if (!width || !height) return Promise.reject(new Error('the camera has not started'));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return Promise.reject(new Error('no canvas'));
  context.drawImage(video, 0, 0, width, height);
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no image'))), 'image/jpeg', CANVAS_JPEG_QUALITY);
  });
}

/**
 * "Take photo": a real photo from the camera at full resolution where the browser allows
 * (ImageCapture, Chrome on Android), else the video frame at its native size (Safari, Firefox).
 * A photo over the upload limit falls back to the frame too.
 */
export async function takeStill(video: HTMLVideoElement, track: MediaStreamTrack | null): Promise<{ blob: Blob; source: 'camera' | 'video' }> {
  const capture = track ? imageCaptureFor(track) : null;
  if (capture) {
    try {
      const blob = await capture.takePhoto();
      if (blob.size > 0 && blob.size <= PHOTO_MAX_BYTES) return { blob, source: 'camera' };
    } catch {
      // Not every camera can take photos (or it is busy): the video frame is the next best.
    }
  }
  return { blob: await grabFrame(video), source: 'video' };
}

/** Why a photo did not send, as a code only (the server's code, or NETWORK): the page words it in the parent's language. */
export type UploadFailure = { code: string };

export class PhotoUploadError extends Error {
  constructor(readonly failure: UploadFailure) {
    super(`photo upload failed: ${failure.code}`);
  }
}

function isReceipt(value: unknown): value is PhotoReceipt {
  return typeof value === 'object' && value !== null && (value as { received?: unknown }).received === true;
}

function failureOf(value: unknown): UploadFailure | null {
  const error = typeof value === 'object' && value !== null ? (value as { error?: unknown }).error : null;
  if (typeof error !== 'object' || error === null) return null;
  // The code only: the server's English message is not for the parent.
  const { code } = error as { code?: unknown };
  return typeof code === 'string' ? { code } : null;
}

const NETWORK_FAILURE: UploadFailure = { code: 'NETWORK' };

/**
 * Sends the photo over HTTPS with the join session cookie. XMLHttpRequest rather than fetch: only
 * it reports upload progress, which a parent on a weak signal needs to see.
 */
export function uploadPhoto(requestId: string, blob: Blob, onProgress: (fraction: number) => void): Promise<PhotoReceipt> {
  if (blob.size > PHOTO_MAX_BYTES) {
    return Promise.reject(new PhotoUploadError({ code: 'PHOTO_TOO_LARGE' }));
  }
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', photoUploadPath(requestId));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', blob.type || 'image/jpeg');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new PhotoUploadError(NETWORK_FAILURE));
    xhr.ontimeout = () => reject(new PhotoUploadError(NETWORK_FAILURE));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300 && isReceipt(body)) {
        onProgress(1);
        resolve(body);
        return;
      }
      reject(new PhotoUploadError(failureOf(body) ?? { code: 'INTERNAL' }));
    };
    xhr.send(blob);
  });
}
