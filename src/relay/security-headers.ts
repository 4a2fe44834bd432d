/**
 * The app's security headers, shared by the build (a CSP <meta>, so any static host gets it)
 * and the relay (real headers, which can also isolate the page for threaded WASM).
 */
import { HUB_CONNECT_SOURCES } from '../models/sources.ts';

/** Extra model origins allowed at build time, e.g. a LAN relay on another host. */
export function extraModelSources(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env['OMNIA_MODEL_SOURCES'] ?? '')
    .split(/[\s,]+/)
    .filter((s) => /^https?:\/\/[^\s;'"]+$/.test(s));
}

export function contentSecurityPolicy(extraSources: readonly string[] = []): string {
  const connect = ["'self'", ...HUB_CONNECT_SOURCES, ...extraSources].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

/** Headers the relay sends with every response of the app. */
export function appHeaders(extraSources: readonly string[] = []): Record<string, string> {
  return {
    'Content-Security-Policy': `${contentSecurityPolicy(extraSources)}; frame-ancestors 'none'`,
    // Cross-origin isolation lets onnxruntime-web use threads (SharedArrayBuffer).
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'credentialless',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}
