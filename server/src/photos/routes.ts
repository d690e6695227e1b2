import { PHOTO_MAX_BYTES } from '@desk/shared';
import express, { type RequestHandler, type Router } from 'express';
import { joinerOf, requireJoiner, requireStaff, staffOf } from '../auth/middleware.js';
import type { Deps } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { apiRouter } from '../http/input.js';
import { perMinute } from '../http/rate-limit.js';
import { checkUploadAllowed, readCasePhoto, receivePhoto, refuseUpload } from './service.js';

/**
 * Mounted at `/api/join/photo-requests`, before the JSON-only rule: the phone sends the photo as a
 * binary body (`Content-Type: image/jpeg`), which no cross-site form can send without a CORS
 * preflight (that this server never answers), and the Origin check has already run.
 */
export function photoUploadRouter(deps: Deps): Router {
  const router = apiRouter();
  // The bytes are read as they are: a photo is already compressed, and a gzip body could inflate past the limit unseen.
  const rawBody = express.raw({ type: () => true, limit: PHOTO_MAX_BYTES, inflate: false });
  const readPhotoBody: RequestHandler = (req, res, next) => {
    rawBody(req, res, (error?: unknown) => {
      if (!error) return next();
      const status = (error as { status?: unknown }).status;
      if (status !== 413) return next(error);
      const tooLarge = new AppError('PHOTO_TOO_LARGE', `The photo is too large: at most ${PHOTO_MAX_BYTES / 1024 / 1024} MB.`);
      refuseUpload(deps, joinerOf(req), String(req.params.photoRequestId), tooLarge).then(
        () => next(tooLarge),
        (cause: unknown) => next(cause),
      );
    });
  };

  // Per join session: one phone cannot keep the server decoding 10 MB images.
  const uploads = perMinute(deps, 'photos', deps.config.rateLimits.photosPerMinute, 'Too many photos sent in the last minute. Wait a minute, then try again.', 'joiner');
  router.post(
    '/:photoRequestId/photo',
    requireJoiner(deps),
    uploads,
    // Who may send is settled before a byte of the body is read.
    async (req, _res, next) => {
      await checkUploadAllowed(deps, joinerOf(req), String(req.params.photoRequestId));
      next();
    },
    readPhotoBody,
    async (req, res) => {
      const body: unknown = req.body;
      const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
      const receipt = await receivePhoto(deps, joinerOf(req), String(req.params.photoRequestId), bytes);
      res.status(201).set('Cache-Control', 'no-store').json(receipt);
    },
  );
  return router;
}

/** Mounted at `/api/cases/:caseId/photos`: the image, for clinicians only, never cached. */
export function casePhotosRouter(deps: Deps): Router {
  const router = apiRouter({ mergeParams: true });
  router.get('/:photoId', requireStaff(deps, ['clinician']), async (req, res) => {
    const { caseId, photoId } = req.params as { caseId: string; photoId: string };
    const photo = await readCasePhoto(deps, staffOf(req), caseId, photoId);
    res
      .status(200)
      .type(photo.mime)
      .set({ 'Cache-Control': 'no-store', 'Content-Disposition': 'inline' })
      .send(photo.bytes);
  });
  return router;
}
