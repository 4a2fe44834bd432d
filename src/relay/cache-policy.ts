/**
 * How long browsers may keep each file. Vite puts content-hashed files under `assets/`, so
 * they never change and can be cached for a year; everything else (index.html, the service
 * worker, the manifest, icons) keeps its name across releases and must be revalidated, or a
 * person would be stuck on an old version.
 */

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

// Never immutable, even if a build ever put them under assets/: they name the release.
const ENTRY_POINTS = new Set(['index.html', 'sw.js', 'registerSW.js', 'manifest.webmanifest']);

/** Cache-Control for a file, given its path relative to the served root with `/` separators. */
export function cacheControlFor(relativePath: string): string {
  const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  if (ENTRY_POINTS.has(name)) return REVALIDATE;
  return relativePath.startsWith('assets/') ? IMMUTABLE : REVALIDATE;
}
