// Why this file exists: the vision worker hands engines raw RGBA pixels, whatever it was given.
// The browser decodes image files itself (createImageBitmap: PNG, JPEG, WebP, GIF, BMP…) and
// an OffscreenCanvas gives the pixels back, all inside the worker (no DOM). Raw pixels pass
// through untouched. Huge photos are scaled down first: a 48-megapixel image would take
// 190 MB as RGBA, and neither the captioner nor tesseract gains from that much. The ingest
// worker uses the same decoder to check that an added image really is one.
import type { RgbaImage } from '../models/engines/types';
import type { ImageInput } from './media-types';

/** The longest side kept, in pixels: enough for tesseract to read small print on a page. */
export const MAX_DECODED_SIDE = 4096;

function isRgbaImage(input: ImageInput): input is RgbaImage {
  return (
    !(input instanceof Blob) &&
    !(typeof ImageBitmap !== 'undefined' && input instanceof ImageBitmap) &&
    typeof input === 'object' &&
    'data' in input
  );
}

/** The size to draw at: the source's own, or scaled down so the long side is `maxSide`. */
export function fittedSize(
  width: number,
  height: number,
  maxSide: number,
): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

function pixelsOf(bitmap: ImageBitmap, maxSide: number): RgbaImage {
  if (bitmap.width === 0 || bitmap.height === 0) {
    throw new Error('the image is empty (0 pixels), or the video frame was already used');
  }
  const { width, height } = fittedSize(bitmap.width, bitmap.height, maxSide);
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('this browser gave no 2D canvas to read the pixels');
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  const { data } = context.getImageData(0, 0, width, height);
  return { width, height, data };
}

/**
 * Decodes `input` into RGBA pixels: a Blob with createImageBitmap, an ImageBitmap drawn
 * directly (then closed: it was transferred to us), raw pixels passed through.
 */
export async function decodeImage(
  input: ImageInput,
  maxSide: number = MAX_DECODED_SIDE,
): Promise<RgbaImage> {
  if (isRgbaImage(input)) return input;
  if (input instanceof Blob) {
    if (input.size === 0) throw new Error('the file is empty');
    const bitmap = await createImageBitmap(input, {
      colorSpaceConversion: 'none',
      premultiplyAlpha: 'none',
    });
    try {
      return pixelsOf(bitmap, maxSide);
    } finally {
      bitmap.close();
    }
  }
  try {
    return pixelsOf(input, maxSide);
  } finally {
    input.close();
  }
}

/**
 * Resolves when the browser can really decode image file `blob`; rejects with its decoder's
 * reason when not. The ingest worker checks every image this way, so a file that only starts
 * like a PNG fails when it is added instead of being kept and marked "Done" or waiting.
 */
export async function checkImageDecodes(blob: Blob): Promise<void> {
  if (blob.size === 0) throw new Error('the file is empty');
  const bitmap = await createImageBitmap(blob);
  try {
    if (bitmap.width === 0 || bitmap.height === 0) throw new Error('the image has no pixels');
  } finally {
    bitmap.close();
  }
}
