/**
 * Decoded RGBA pixels → an image file tesseract reads. Tesseract takes encoded files only
 * (Leptonica sniffs the format); PNM (binary "P6") is the simplest one it reads: a short text
 * header and the RGB bytes, so nothing is compressed just to be decompressed again. Alpha is
 * composited over white, so text on a transparent background stays dark on light.
 */
import type { RgbaImage } from '../types';

export function rgbaToPnm(image: RgbaImage): Uint8Array {
  const { width, height, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`The image is ${width}×${height} pixels: it needs at least 1×1.`);
  }
  if (data.length !== width * height * 4) {
    throw new RangeError(
      `The image data has ${data.length} bytes, not ${width * height * 4} (${width}×${height} RGBA).`,
    );
  }
  const header = new TextEncoder().encode(`P6\n${width} ${height}\n255\n`);
  const out = new Uint8Array(header.length + width * height * 3);
  out.set(header, 0);
  let o = header.length;
  for (let i = 0; i < data.length; i += 4) {
    const alpha = data[i + 3]!;
    if (alpha === 255) {
      out[o++] = data[i]!;
      out[o++] = data[i + 1]!;
      out[o++] = data[i + 2]!;
    } else {
      const white = 255 * (255 - alpha);
      out[o++] = Math.round((data[i]! * alpha + white) / 255);
      out[o++] = Math.round((data[i + 1]! * alpha + white) / 255);
      out[o++] = Math.round((data[i + 2]! * alpha + white) / 255);
    }
  }
  return out;
}
