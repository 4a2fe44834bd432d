// Which hops an upstream fetch may take, checked before any connection is made.
import { describe, expect, it } from 'vitest';
import { UpstreamFailedError, UpstreamRefusedError } from '../../../../src/relay/models/errors.ts';
import { HUB_REDIRECT_HOSTS } from '../../../../src/relay/models/config.ts';
import { sha256Of } from '../../../../src/relay/models/upstream-fetch.ts';
import {
  checkHop,
  hostMatches,
  type ResolvedAddress,
  type UpstreamPolicy,
} from '../../../../src/relay/models/upstream-policy.ts';

const DNS: Record<string, string[]> = {
  'huggingface.co': ['18.164.174.55', '2600:9000:2000::1'],
  'cdn-lfs.huggingface.co': ['18.239.50.16'],
  'cas-bridge.xethub.hf.co': ['3.167.112.3'],
  'rebind.huggingface.co': ['18.164.174.56', '10.0.0.7'],
  'metadata.hf.co': ['169.254.169.254'],
  'mapped.hf.co': ['::ffff:192.168.1.1'],
};

const policy = (extra: Partial<UpstreamPolicy> = {}): UpstreamPolicy => ({
  upstreamHosts: new Set(['huggingface.co']),
  redirectHosts: [...HUB_REDIRECT_HOSTS],
  allowPrivateUpstreams: false,
  lookup: (hostname) => {
    const addresses = DNS[hostname];
    if (!addresses)
      return Promise.reject(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }));
    return Promise.resolve(
      addresses.map((address): ResolvedAddress => ({
        address,
        family: address.includes(':') ? 6 : 4,
      })),
    );
  },
  ...extra,
});

const hub = new URL('https://huggingface.co/org/name/resolve/main/model.onnx');

describe('hostMatches', () => {
  it.each([
    ['huggingface.co', 'huggingface.co', true],
    ['huggingface.co', 'HuggingFace.CO.', true],
    ['*.hf.co', 'cas-bridge.xethub.hf.co', true],
    ['*.hf.co', 'hf.co', false],
    ['*.hf.co', 'evilhf.co', false],
    ['*.huggingface.co', 'huggingface.co.evil.example', false],
    ['cdn-lfs.huggingface.co', 'cdn-lfs.huggingface.co', true],
  ])('%s allows %s: %s', (pattern, host, expected) => {
    expect(hostMatches(pattern, host)).toBe(expected);
  });
});

describe('checkHop', () => {
  it('allows the hub and its CDNs on public addresses, returning the addresses to use', async () => {
    expect(await checkHop(hub, policy())).toEqual([
      { address: '18.164.174.55', family: 4 },
      { address: '2600:9000:2000::1', family: 6 },
    ]);
    const cdn = new URL('https://cas-bridge.xethub.hf.co/xet/abc?X-Amz-Signature=1');
    expect(await checkHop(cdn, policy(), hub)).toHaveLength(1);
  });

  it.each([
    ['http://huggingface.co/x', /only fetches over https/],
    ['https://user:pw@huggingface.co/x', /credentials/],
    ['https://evil.example/x', /evil\.example is neither an upstream nor an allowed redirect host/],
    ['https://rebind.huggingface.co/x', /resolves to 10\.0\.0\.7 \(private\)/],
    ['https://metadata.hf.co/x', /resolves to 169\.254\.169\.254 \(link-local\)/],
    ['https://mapped.hf.co/x', /resolves to ::ffff:192\.168\.1\.1 \(private\)/],
    ['https://[::1]/x', /not an allowed redirect host|neither an upstream/],
  ])('refuses %s', async (url, message) => {
    const hop = checkHop(new URL(url), policy(), hub);
    await expect(hop).rejects.toBeInstanceOf(UpstreamRefusedError);
    await expect(hop).rejects.toThrow(message);
  });

  it('says where a refused redirect came from', async () => {
    await expect(checkHop(new URL('https://evil.example/'), policy(), hub)).rejects.toThrow(
      /^Refused a redirect from huggingface\.co to https:\/\/evil\.example:/,
    );
  });

  it('lets private upstreams through only for configured upstreams, and only when allowed', async () => {
    const local = new URL('https://127.0.0.1:8443/x');
    const upstreamHosts = new Set(['127.0.0.1:8443']);
    await expect(checkHop(local, policy({ upstreamHosts }))).rejects.toThrow(/\(loopback\)/);
    await expect(
      checkHop(local, policy({ upstreamHosts, allowPrivateUpstreams: true })),
    ).resolves.toEqual([{ address: '127.0.0.1', family: 4 }]);
    const redirect = policy({ allowPrivateUpstreams: true, redirectHosts: ['127.0.0.2'] });
    await expect(checkHop(new URL('https://127.0.0.2/x'), redirect, hub)).rejects.toThrow(
      /\(loopback\)/,
    );
  });

  it('reports a name that does not resolve as a failure, not a refusal', async () => {
    const hop = checkHop(new URL('https://nowhere.hf.co/x'), policy(), hub);
    await expect(hop).rejects.toBeInstanceOf(UpstreamFailedError);
    await expect(hop).rejects.toThrow(/Could not look up nowhere\.hf\.co/);
  });
});

describe('sha256Of', () => {
  const hex = 'AB'.repeat(32);
  it.each([
    [`"${hex}"`, hex.toLowerCase()],
    [`W/"${hex}"`, hex.toLowerCase()],
    [hex, hex.toLowerCase()],
    ['"0123456789abcdef0123456789abcdef01234567"', undefined],
    ['"cdn-etag-1"', undefined],
    [undefined, undefined],
  ])('%s → %s', (header, expected) => {
    expect(sha256Of(header)).toBe(expected);
  });
});
