import { PHOTO_MAX_EDGE_PX, PHOTO_MAX_INPUT_PIXELS } from '@desk/shared';
import sharp from 'sharp';
import { AppError } from '../http/errors.js';

/** What the bytes are, by their signature: the Content-Type a phone sends is only a claim. */
export type SniffedImage = 'jpeg' | 'png' | 'webp' | 'heic' | 'unknown';

export function sniffImage(bytes: Buffer): SniffedImage {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  // ISO-BMFF `ftyp` box with a HEIF brand: what an iPhone's own camera saves.
  if (bytes.length >= 12 && bytes.toString('latin1', 4, 8) === 'ftyp' && /^(heic|heix|hevc|heim|heis|mif1|msf1|avif)$/.test(bytes.toString('latin1', 8, 12))) {
    return 'heic';
  }
  return 'unknown';
}

export type StoredImage = { data: Buffer; width: number; height: number; mime: 'image/jpeg' };

/** JPEG at this quality: a rash or a throat keeps its detail, a 12 MP photo stays near 2–3 MB. */
const JPEG_QUALITY = 88;

/**
 * The photo as the desk keeps it: decoded, turned upright by its EXIF orientation, shrunk to fit
 * PHOTO_MAX_EDGE_PX, and encoded afresh as a JPEG in sRGB. sharp writes no metadata unless asked
 * (no EXIF, no GPS, no ICC profile, no XMP, no thumbnails), so nothing the phone wrote survives.
 */
export async function reencodePhoto(bytes: Buffer): Promise<StoredImage> {
  const kind = sniffImage(bytes);
  if (kind === 'heic') {
    throw new AppError('PHOTO_TYPE_UNSUPPORTED', 'HEIC photos cannot be read here: send a JPEG, PNG or WebP photo.');
  }
  if (kind === 'unknown') throw new AppError('PHOTO_TYPE_UNSUPPORTED', 'Send a JPEG, PNG or WebP photo.');
  const options = { limitInputPixels: PHOTO_MAX_INPUT_PIXELS, failOn: 'error' as const };
  let metadata: sharp.Metadata;
  try {
    // The header only, nothing decoded: the pixel limit is checked below, with its own code.
    metadata = await sharp(bytes, { ...options, limitInputPixels: false }).metadata();
  } catch {
    throw new AppError('PHOTO_UNREADABLE', 'The photo could not be read. Take it again.');
  }
  if (metadata.format !== kind || !metadata.width || !metadata.height) {
    throw new AppError('PHOTO_UNREADABLE', 'The photo could not be read. Take it again.');
  }
  if (metadata.width * metadata.height > PHOTO_MAX_INPUT_PIXELS || (metadata.pages ?? 1) > 1) {
    throw new AppError('PHOTO_TOO_LARGE', `The photo is too large: at most ${PHOTO_MAX_INPUT_PIXELS / 1_000_000} megapixels, one picture.`);
  }
  try {
    const { data, info } = await sharp(bytes, options)
      .autoOrient()
      .resize({ width: PHOTO_MAX_EDGE_PX, height: PHOTO_MAX_EDGE_PX, fit: 'inside', withoutEnlargement: true })
      // A PNG or WebP with transparency: on white, as it would look on the page.
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .jpeg({ quality: JPEG_QUALITY })
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, mime: 'image/jpeg' };
  } catch {
    throw new AppError('PHOTO_UNREADABLE', 'The photo could not be read. Take it again.');
  }
}
