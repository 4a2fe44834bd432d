import { describe, expect, it } from 'vitest';
import { checkRelaySource, connectSources } from '../../../src/core/model-source-policy';
import { contentSecurityPolicy } from '../../../src/relay/security-headers';

const page = 'http://127.0.0.1:4173/omnia/';
const policy = contentSecurityPolicy([]);

describe('checkRelaySource', () => {
  it('accepts the relay that serves the app, and normalises it to its /models base', () => {
    expect(checkRelaySource('http://127.0.0.1:4173/omnia/', page, policy)).toEqual({
      ok: true,
      baseUrl: 'http://127.0.0.1:4173/omnia/models',
    });
  });

  it('refuses a relay on another origin that the policy does not allow, naming the origin', () => {
    expect(checkRelaySource('http://192.168.1.10:4173/', page, policy)).toEqual({
      ok: false,
      problem: { kind: 'blocked-by-policy', origin: 'http://192.168.1.10:4173' },
    });
  });

  it('accepts an origin the build allowed (OMNIA_MODEL_SOURCES)', () => {
    const built = contentSecurityPolicy(['http://192.168.1.10:4173']);
    expect(checkRelaySource('http://192.168.1.10:4173', page, built).ok).toBe(true);
  });

  it('honours wildcard hosts of the hub', () => {
    expect(checkRelaySource('https://mirror.hf.co/', page, policy).ok).toBe(true);
    expect(checkRelaySource('https://hf.co.evil.example/', page, policy).ok).toBe(false);
  });

  it('explains a malformed URL', () => {
    const result = checkRelaySource('192.168.1.10:4173', page, policy);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.kind).toBe('invalid-url');
  });

  it('allows anything parseable when the page has no policy (dev server)', () => {
    expect(checkRelaySource('http://10.0.0.2:9000', page, null).ok).toBe(true);
  });

  it('reads connect-src out of a policy', () => {
    expect(connectSources("default-src 'self'; connect-src 'self' https://a.b")).toEqual([
      "'self'",
      'https://a.b',
    ]);
  });
});
