/**
 * Content types for the files a Vite/PWA build produces and the model files the relay will
 * serve. Browsers refuse module scripts and streaming WASM compilation without the right
 * type (and `X-Content-Type-Options: nosniff` forbids guessing), so the list is explicit.
 */
import { extname } from 'node:path';

const UTF8 = '; charset=utf-8';

const TYPES: Readonly<Record<string, string>> = Object.freeze({
  '.html': `text/html${UTF8}`,
  '.js': `text/javascript${UTF8}`,
  '.mjs': `text/javascript${UTF8}`,
  '.css': `text/css${UTF8}`,
  '.json': `application/json${UTF8}`,
  '.map': `application/json${UTF8}`,
  '.webmanifest': `application/manifest+json${UTF8}`,
  '.txt': `text/plain${UTF8}`,
  '.svg': `image/svg+xml${UTF8}`,
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.pdf': 'application/pdf',
  '.wav': 'audio/wav',
  '.onnx': 'application/octet-stream',
  '.bin': 'application/octet-stream',
});

const FALLBACK = 'application/octet-stream';

/** The Content-Type for a file name, e.g. `contentTypeFor('ort.wasm') === 'application/wasm'`. */
export function contentTypeFor(fileName: string): string {
  return TYPES[extname(fileName).toLowerCase()] ?? FALLBACK;
}
