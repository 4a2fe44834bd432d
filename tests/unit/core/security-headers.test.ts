import { describe, expect, it } from 'vitest';
import {
  appHeaders,
  contentSecurityPolicy,
  extraModelSources,
} from '../../../src/relay/security-headers.ts';

describe('Content-Security-Policy', () => {
  const csp = contentSecurityPolicy();
  const directive = (name: string): string | undefined =>
    csp.split('; ').find((d) => d.startsWith(`${name} `));

  it('allows scripts only from the app, plus WebAssembly compilation', () => {
    expect(directive('script-src')).toBe("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain("'unsafe-eval'");
  });

  it('allows workers from self and blob:, images from self, data: and blob:', () => {
    expect(directive('worker-src')).toBe("worker-src 'self' blob:");
    expect(directive('img-src')).toBe("img-src 'self' data: blob:");
    expect(directive('object-src')).toBe("object-src 'none'");
  });

  it('connects only to self and the model sources, plus configured extras', () => {
    expect(directive('connect-src')).toBe(
      "connect-src 'self' https://huggingface.co https://*.huggingface.co https://*.hf.co https://raw.githubusercontent.com https://cdn.jsdelivr.net",
    );
    expect(contentSecurityPolicy(['http://192.0.2.10:4173'])).toContain(
      'https://cdn.jsdelivr.net http://192.0.2.10:4173;',
    );
  });

  it('reads extra model origins from OMNIA_MODEL_SOURCES and drops anything that is not an origin', () => {
    expect(
      extraModelSources({ OMNIA_MODEL_SOURCES: 'http://relay.lan:4173, https://x.example' }),
    ).toEqual(['http://relay.lan:4173', 'https://x.example']);
    expect(
      extraModelSources({ OMNIA_MODEL_SOURCES: "'unsafe-inline' javascript:alert(1)" }),
    ).toEqual([]);
  });

  it('the relay adds isolation and framing headers', () => {
    const headers = appHeaders();
    expect(headers['Cross-Origin-Opener-Policy']).toBe('same-origin');
    expect(headers['Cross-Origin-Embedder-Policy']).toBe('credentialless');
    expect(headers['Content-Security-Policy']).toContain("frame-ancestors 'none'");
  });
});
