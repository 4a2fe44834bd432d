// An upstream on this machine or its private network is refused when the relay starts (a LAN
// finding: it was accepted, and every fetch from it failed later). allowPrivateUpstreams, for
// tests only, still lets one through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RelayStartError } from '../../../../src/relay/errors.ts';
import { type ModelRelayOptions } from '../../../../src/relay/models/config.ts';
import { type LookupAll } from '../../../../src/relay/models/upstream-policy.ts';
import { startRelay } from '../../../../src/relay/start.ts';
import { makeApp, type AppFixture } from '../relay-fixture.ts';

let app: AppFixture;

beforeAll(async () => {
  app = await makeApp({ symlinks: false });
});

afterAll(async () => {
  await app.cleanup();
});

const start = (models: ModelRelayOptions, log?: (line: string) => void) =>
  startRelay({ dist: app.root, port: 0, models, ...(log ? { log } : {}) });

/** A resolver that answers `address` for every name and counts the questions. */
function fakeDns(address: string): LookupAll & { asked: string[] } {
  const asked: string[] = [];
  const lookup = (hostname: string) => {
    asked.push(hostname);
    return Promise.resolve([{ address, family: address.includes(':') ? 6 : 4 }]);
  };
  return Object.assign(lookup, { asked });
}

describe('private upstreams at start-up', () => {
  it.each([
    ['https://127.0.0.1', '127.0.0.1 is a loopback address'],
    ['https://127.0.0.1:8443', '127.0.0.1 is a loopback address'],
    ['https://10.0.0.5', '10.0.0.5 is a private address'],
    ['https://192.168.1.10', '192.168.1.10 is a private address'],
    ['https://169.254.169.254', '169.254.169.254 is a link-local address'],
    ['https://[::1]', '::1 is a loopback address'],
    ['https://[fd00::5]', 'fd00::5 is a private address'],
    ['https://[::ffff:10.0.0.5]', 'is a private address'],
    ['https://localhost', 'localhost is this machine'],
    ['https://LOCALHOST.:8443', 'is this machine'],
    ['https://relay.localhost', 'relay.localhost is this machine'],
  ])('refuses --upstream %s', async (upstream, why) => {
    const dns = fakeDns('93.184.216.34');
    const relay = start({ upstreams: [upstream], lookup: dns });
    await expect(relay).rejects.toBeInstanceOf(RelayStartError);
    await expect(relay).rejects.toThrow(why);
    await expect(relay).rejects.toThrow(
      /never fetches from private, loopback or link-local addresses/,
    );
    expect(dns.asked).toEqual([]);
  });

  it('refuses a name that resolves to a private address', async () => {
    const dns = fakeDns('10.0.0.5');
    const relay = start({ upstreams: ['https://mirror.internal.example'], lookup: dns });
    await expect(relay).rejects.toThrow(
      /Refused upstream https:\/\/mirror\.internal\.example: mirror\.internal\.example resolves to 10\.0\.0\.5 \(private\)/,
    );
    expect(dns.asked).toEqual(['mirror.internal.example']);
  });

  it('refuses a private model-library upstream', async () => {
    const relay = start({ modelLibraryUpstream: 'https://127.0.0.1:9443' });
    await expect(relay).rejects.toThrow(/Refused upstream https:\/\/127\.0\.0\.1:9443/);
  });

  it('starts when the name cannot be looked up yet, and says so', async () => {
    const logs: string[] = [];
    const lookup: LookupAll = () =>
      Promise.reject(Object.assign(new Error('getaddrinfo EAI_AGAIN'), { code: 'EAI_AGAIN' }));
    const relay = await start({ upstreams: ['https://mirror.example'], lookup }, (line) =>
      logs.push(line),
    );
    await relay.close();
    expect(logs.some((line) => line.startsWith('Could not look up upstream mirror.example'))).toBe(
      true,
    );
  });

  it('starts with a public upstream, and looks nothing up for the defaults', async () => {
    const dns = fakeDns('93.184.216.34');
    const given = await start({ upstreams: ['https://mirror.example'], lookup: dns });
    await given.close();
    expect(dns.asked).toEqual(['mirror.example']);
    const defaults = await start({ lookup: dns });
    await defaults.close();
    expect(dns.asked).toEqual(['mirror.example']);
  });

  it('lets tests use a private upstream with allowPrivateUpstreams', async () => {
    const relay = await start({
      upstreams: ['https://127.0.0.1:1'],
      modelLibraryUpstream: 'https://127.0.0.1:2',
      allowPrivateUpstreams: true,
    });
    await relay.close();
  });
});
