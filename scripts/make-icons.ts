/**
 * Draws Omnia's app icons (192, 512 and a maskable 512) as PNG with nothing but node:zlib,
 * so the icons can be rebuilt on any machine without an image toolchain.
 * Run: npx tsx scripts/make-icons.ts  (writes public/icons/*.png)
 */
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';

type Rgba = [number, number, number, number];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function encodePng(size: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Coverage of the logo at a point in unit space (0..1): background, ring and a spark. */
function sample(u: number, v: number, maskable: boolean): Rgba {
  const radius = maskable ? 0 : 0.22; // rounded-square corners; maskable icons are full-bleed
  const inset = maskable ? 0 : 0.02;
  const qx = Math.max(Math.abs(u - 0.5) - (0.5 - inset - radius), 0);
  const qy = Math.max(Math.abs(v - 0.5) - (0.5 - inset - radius), 0);
  if (Math.hypot(qx, qy) > radius) return [0, 0, 0, 0];
  // Indigo to violet diagonal gradient.
  const t = (u + v) / 2;
  const bg: Rgba = [
    Math.round(67 + 57 * t),
    Math.round(56 - 10 * t),
    Math.round(202 + 27 * t),
    255,
  ];
  const scale = maskable ? 0.8 : 1; // keep the mark inside the maskable safe zone
  const x = (u - 0.5) / scale;
  const y = (v - 0.5) / scale;
  const d = Math.hypot(x, y);
  const ring = d > 0.2 && d < 0.31;
  const spark = Math.abs(x - 0.24) + Math.abs(y + 0.24) < 0.09;
  return ring || spark ? [255, 255, 255, 255] : bg;
}

function drawIcon(size: number, maskable: boolean): Buffer {
  const ss = 4; // supersampling for smooth edges
  return encodePng(size, (x, y) => {
    const acc = [0, 0, 0, 0];
    for (let i = 0; i < ss; i++) {
      for (let j = 0; j < ss; j++) {
        const [r, g, b, a] = sample(
          (x + (i + 0.5) / ss) / size,
          (y + (j + 0.5) / ss) / size,
          maskable,
        );
        acc[0]! += r * a;
        acc[1]! += g * a;
        acc[2]! += b * a;
        acc[3]! += a;
      }
    }
    const alpha = acc[3]!;
    if (alpha === 0) return [0, 0, 0, 0];
    return [
      Math.round(acc[0]! / alpha),
      Math.round(acc[1]! / alpha),
      Math.round(acc[2]! / alpha),
      Math.round(alpha / (ss * ss)),
    ];
  });
}

const outDir = new URL('../public/icons/', import.meta.url);
mkdirSync(outDir, { recursive: true });
writeFileSync(new URL('icon-192.png', outDir), drawIcon(192, false));
writeFileSync(new URL('icon-512.png', outDir), drawIcon(512, false));
writeFileSync(new URL('maskable-512.png', outDir), drawIcon(512, true));
writeFileSync(new URL('apple-touch-icon-180.png', outDir), drawIcon(180, true));
console.log('icons written to public/icons/');
