/**
 * A share payload ⇄ the text after `#/share/`:
 *
 *   1.z.<data>          plain:       data = deflate-raw(JSON)
 *   1.k.<data>.<key>    random key:  data = iv ‖ AES-GCM(deflate-raw(JSON)), key = 32 random bytes
 *   1.p.<data>          passphrase:  data = salt ‖ iv ‖ AES-GCM(deflate-raw(JSON)), key = PBKDF2
 *
 * Every part is base64url. Opening checks, in order and before any work proportional to
 * size: the length cap, the header, base64url, decryption (GCM's tag), a capped streaming
 * inflate, JSON, the schema, then the content hash in the provenance note.
 */
import { compress, decompress, fromBase64Url, toBase64Url } from './codec';
import {
  decryptWithKey,
  decryptWithPassphrase,
  encryptWithKey,
  encryptWithPassphrase,
  newRandomKey,
  sha256Hex,
} from './crypto';
import { ShareError } from './errors';
import {
  canonicalJson,
  SHARE_ENVELOPE,
  SHARE_SCHEMA_VERSION,
  type ShareContentOf,
  type ShareKind,
  type SharePayload,
  type ShareProvenance,
} from './format';
import { MAX_JSON_BYTES, MAX_PAYLOAD_CHARS, SHARE_FORMAT_VERSION } from './limits';
import { validatePayload } from './validate';

export type ShareProtection =
  { kind: 'none' } | { kind: 'random-key' } | { kind: 'passphrase'; passphrase: string };

export type ShareMode = 'plain' | 'random-key' | 'passphrase';

const MODE_CODES: Readonly<Record<ShareMode, string>> = {
  plain: 'z',
  'random-key': 'k',
  passphrase: 'p',
};

/** The route a share link opens: `#/share/<body>`. */
export const SHARE_ROUTE_PREFIX = '#/share/';

function aad(mode: ShareMode): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`omnia-share:${SHARE_FORMAT_VERSION}:${MODE_CODES[mode]}`);
}

/** SHA-256 of the content's canonical JSON, as the provenance note carries it. */
export function contentHash(content: unknown): Promise<string> {
  return sha256Hex(canonicalJson(content));
}

/**
 * Wraps content of `kind` in the envelope, hashing it into the provenance note.
 * @example await makePayload('prompt-template', content, { appVersion, createdAt, models: [], sources: [] })
 */
export async function makePayload<K extends ShareKind>(
  kind: K,
  content: ShareContentOf<K>,
  provenance: Omit<ShareProvenance, 'contentSha256'>,
): Promise<Extract<SharePayload, { kind: K }>> {
  const payload = {
    format: SHARE_ENVELOPE,
    version: SHARE_SCHEMA_VERSION,
    kind,
    content,
    provenance: { ...provenance, contentSha256: await contentHash(content) },
  };
  return payload as unknown as Extract<SharePayload, { kind: K }>;
}

/**
 * The link body for a payload.
 * @example
 * const body = await encodeShare(payload, { kind: 'passphrase', passphrase: 'correct horse' });
 * const url = `${location.origin}${location.pathname}${SHARE_ROUTE_PREFIX}${body}`;
 */
export async function encodeShare(
  payload: SharePayload,
  protection: ShareProtection,
): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(payload));
  if (json.byteLength > MAX_JSON_BYTES) {
    throw new ShareError('too-large', 'This is too large to share; share less of it.');
  }
  const packed = new Uint8Array(await compress(json));
  const v = SHARE_FORMAT_VERSION;
  switch (protection.kind) {
    case 'none':
      return `${v}.z.${toBase64Url(packed)}`;
    case 'random-key': {
      const key = newRandomKey();
      const data = await encryptWithKey(packed, key, aad('random-key'));
      return `${v}.k.${toBase64Url(data)}.${toBase64Url(key)}`;
    }
    case 'passphrase': {
      const data = await encryptWithPassphrase(packed, protection.passphrase, aad('passphrase'));
      return `${v}.p.${toBase64Url(data)}`;
    }
  }
}

interface ParsedBody {
  mode: ShareMode;
  data: string;
  key?: string;
}

function parseBody(body: string): ParsedBody {
  if (body.length > MAX_PAYLOAD_CHARS) {
    throw new ShareError('too-long', `The link is longer than ${MAX_PAYLOAD_CHARS} characters.`);
  }
  const parts = body.trim().split('.');
  const [version, code, data, key] = parts;
  if (version !== String(SHARE_FORMAT_VERSION) || data === undefined || data === '') {
    throw new ShareError(
      'bad-format',
      'This is not an Omnia share link, or one from a newer version.',
    );
  }
  if (code === 'z' && parts.length === 3) return { mode: 'plain', data };
  if (code === 'p' && parts.length === 3) return { mode: 'passphrase', data };
  if (code === 'k' && parts.length === 4 && key) return { mode: 'random-key', data, key };
  throw new ShareError(
    'bad-format',
    'This is not an Omnia share link, or one from a newer version.',
  );
}

/** How a body is protected (so the preview can ask for a passphrase first); checks only its shape. */
export function shareModeOf(body: string): ShareMode {
  return parseBody(body).mode;
}

/**
 * Opens a link body: every check in the header comment, nothing stored or fetched.
 * @throws ShareError with the kind that says what is wrong.
 */
export async function decodeShare(body: string, passphrase?: string): Promise<SharePayload> {
  const parsed = parseBody(body);
  let packed = fromBase64Url(parsed.data);
  if (parsed.mode === 'random-key') {
    packed = await decryptWithKey(packed, fromBase64Url(parsed.key ?? ''), aad('random-key'));
  } else if (parsed.mode === 'passphrase') {
    if (!passphrase) throw new ShareError('needs-passphrase', 'This link needs its passphrase.');
    packed = await decryptWithPassphrase(packed, passphrase, aad('passphrase'));
  }
  const json = await decompress(packed, MAX_JSON_BYTES);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch (error) {
    throw new ShareError('bad-schema', 'The shared content is not valid JSON.', { cause: error });
  }
  const payload = validatePayload(value);
  if ((await contentHash(payload.content)) !== payload.provenance.contentSha256) {
    throw new ShareError('tampered', 'The content does not match its hash: it was altered.');
  }
  return payload;
}
