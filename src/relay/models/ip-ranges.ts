/**
 * Classifies IP addresses, so the relay never fetches an upstream file from this machine or
 * its private network (server-side request forgery: a redirect or a DNS answer pointing at
 * 127.0.0.1, a router, or a cloud metadata service at 169.254.169.254). Addresses that embed
 * an IPv4 address (IPv4-mapped, NAT64, 6to4) are judged by the address they embed.
 */
import { isIP } from 'node:net';

export type AddressKind =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'cgnat'
  | 'multicast'
  /** Documentation, benchmarking, broadcast and other special-purpose ranges. */
  | 'reserved'
  /** Not an IP address at all. */
  | 'invalid';

/** How to find the IPv4 address inside an IPv6 one: the byte offset where it starts. */
type Rule = [
  cidr: string,
  kind: Exclude<AddressKind, 'public' | 'invalid'> | { embedsV4At: number },
];

// Order matters: the first matching rule wins, so narrow ranges come before wide ones.
const V4_RULES: readonly Rule[] = [
  ['0.0.0.0/8', 'unspecified'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'cgnat'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'reserved'],
  ['192.0.2.0/24', 'reserved'],
  ['192.88.99.0/24', 'reserved'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'reserved'],
  ['198.51.100.0/24', 'reserved'],
  ['203.0.113.0/24', 'reserved'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
];

const V6_RULES: readonly Rule[] = [
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['::ffff:0:0/96', { embedsV4At: 12 }],
  // IPv4-translated (RFC 2765) and IPv4-compatible (deprecated) addresses.
  ['::ffff:0:0:0/96', 'reserved'],
  ['::/96', 'reserved'],
  ['64:ff9b::/96', { embedsV4At: 12 }],
  ['64:ff9b:1::/48', 'reserved'],
  ['100::/64', 'reserved'],
  // IETF protocol assignments, Teredo among them.
  ['2001::/23', 'reserved'],
  ['2001:db8::/32', 'reserved'],
  ['2002::/16', { embedsV4At: 2 }],
  ['fc00::/7', 'private'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'private'],
  ['ff00::/8', 'multicast'],
];

interface CompiledRule {
  bytes: Uint8Array;
  prefix: number;
  kind: Rule[1];
}

const compile = (rules: readonly Rule[]): CompiledRule[] =>
  rules.map(([cidr, kind]) => {
    const [address = '', prefix = ''] = cidr.split('/');
    const bytes = addressBytes(address);
    if (!bytes) throw new Error(`Bad rule ${cidr}`);
    return { bytes, prefix: Number(prefix), kind };
  });

const COMPILED_V4 = compile(V4_RULES);
const COMPILED_V6 = compile(V6_RULES);

/**
 * What kind of address this is.
 * @example classifyAddress('::ffff:10.0.0.1') // 'private'
 */
export function classifyAddress(address: string): AddressKind {
  const bytes = addressBytes(address);
  if (!bytes) return 'invalid';
  return classifyBytes(bytes);
}

/** True only for addresses on the public internet. */
export function isPublicAddress(address: string): boolean {
  return classifyAddress(address) === 'public';
}

function classifyBytes(bytes: Uint8Array): AddressKind {
  const rules = bytes.length === 4 ? COMPILED_V4 : COMPILED_V6;
  for (const rule of rules) {
    if (!matches(bytes, rule)) continue;
    if (typeof rule.kind === 'string') return rule.kind;
    const at = rule.kind.embedsV4At;
    return classifyBytes(bytes.subarray(at, at + 4));
  }
  return 'public';
}

function matches(bytes: Uint8Array, rule: CompiledRule): boolean {
  if (bytes.length !== rule.bytes.length) return false;
  const whole = Math.floor(rule.prefix / 8);
  for (let i = 0; i < whole; i++) if (bytes[i] !== rule.bytes[i]) return false;
  const bits = rule.prefix % 8;
  if (bits === 0) return true;
  const mask = (0xff << (8 - bits)) & 0xff;
  return ((bytes[whole] ?? 0) & mask) === ((rule.bytes[whole] ?? 0) & mask);
}

/** 4 bytes for IPv4, 16 for IPv6 (a `%zone` suffix is dropped), undefined for anything else. */
export function addressBytes(address: string): Uint8Array | undefined {
  const plain = address.replace(/%.*$/, '');
  const version = isIP(plain);
  if (version === 4) return Uint8Array.from(plain.split('.').map(Number));
  if (version !== 6) return undefined;

  let text = plain.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1]!.split('.').map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(zeros).fill('0'), ...tailGroups];
  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    const value = parseInt(group, 16);
    bytes[i * 2] = value >> 8;
    bytes[i * 2 + 1] = value & 0xff;
  });
  return bytes;
}
