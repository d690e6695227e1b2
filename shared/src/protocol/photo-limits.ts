/**
 * Still photos with consent (issue 9): the clinician asks, the parent sees what will be taken,
 * takes it and sends it; the server re-encodes it without metadata and keeps it with the case,
 * for clinicians only. Limits, states and routes live here, with no zod, so the parent's page can
 * check before it sends without loading a schema library.
 */

/** The largest upload the server reads (a full-resolution phone JPEG is 2–6 MB). */
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
/** The most pixels a photo may have before decoding is refused (a 48 MP phone sensor fits; a decompression bomb does not). */
export const PHOTO_MAX_INPUT_PIXELS = 50_000_000;
/** The stored photo fits inside this many pixels on its longer side (kept whole if smaller). */
export const PHOTO_MAX_EDGE_PX = 4096;
/** What the clinician may say the photo should show ("the rash on her tummy"). */
export const PHOTO_SUBJECT_MAX_CHARS = 120;
/** What the phone may send; the server decides from the bytes, not from this header. */
export const photoUploadTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoUploadType = (typeof photoUploadTypes)[number];

/**
 * `asked` until the parent sends a photo (`received`) or says no (`declined`); `failed` when a photo
 * sent was refused (too large, wrong type): the parent may take and send again. `cancelled`: a newer
 * request replaced it, or the call ended.
 */
export const photoRequestStates = ['asked', 'declined', 'received', 'failed', 'cancelled'] as const;
export type PhotoRequestState = (typeof photoRequestStates)[number];

/** What the phone is told after sending: enough to say "sent", nothing to fetch it back by. */
export type PhotoReceipt = { received: true; width: number; height: number };

/** The phone's upload address for a request (POST, image body, join session cookie). */
export const photoUploadPath = (requestId: string) => `/api/join/photo-requests/${requestId}/photo`;
/** The image of a stored photo (GET, clinicians only, `Cache-Control: no-store`). */
export const casePhotoPath = (caseId: string, photoId: string) => `/api/cases/${caseId}/photos/${photoId}`;
