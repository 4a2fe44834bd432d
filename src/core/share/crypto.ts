/**
 * WebCrypto for share links: AES-256-GCM with either a random key carried in the link or a
 * key derived from a passphrase (PBKDF2-SHA-256, fixed rounds per format version, so a hostile
 * link cannot ask for a billion rounds). The passphrase is checked only by whether decryption
 * succeeds; GCM's tag also catches any altered byte. `aad` binds the ciphertext to the link's
 * version and mode, so an encrypted body cannot be replayed under another header.
 */
import { ShareError } from './errors';
import { IV_BYTES, PBKDF2_ITERATIONS, RANDOM_KEY_BYTES, SALT_BYTES } from './limits';

const subtle = (): SubtleCrypto => globalThis.crypto.subtle;

export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

export function newRandomKey(): Uint8Array<ArrayBuffer> {
  return randomBytes(RANDOM_KEY_BYTES);
}

function rawKey(bytes: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  if (bytes.byteLength !== RANDOM_KEY_BYTES) {
    throw new ShareError('wrong-key', 'The key in the link has the wrong length.');
  }
  return subtle().importKey('raw', bytes, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

async function passphraseKey(
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
): Promise<CryptoKey> {
  const material = await subtle().importKey(
    'raw',
    new TextEncoder().encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return subtle().deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: PBKDF2_ITERATIONS },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

async function seal(key: CryptoKey, plain: Uint8Array<ArrayBuffer>, aad: Uint8Array<ArrayBuffer>) {
  const iv = randomBytes(IV_BYTES);
  const sealed = await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: aad }, key, plain);
  return { iv, sealed: new Uint8Array(sealed) };
}

async function open(
  key: CryptoKey,
  iv: Uint8Array<ArrayBuffer>,
  sealed: Uint8Array<ArrayBuffer>,
  aad: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  try {
    const plain = await subtle().decrypt({ name: 'AES-GCM', iv, additionalData: aad }, key, sealed);
    return new Uint8Array(plain);
  } catch (error) {
    throw new ShareError(
      'wrong-key',
      'Decryption failed: wrong passphrase or key, or an altered link.',
      {
        cause: error,
      },
    );
  }
}

/** iv ‖ ciphertext, under a raw random key. */
export async function encryptWithKey(
  plain: Uint8Array<ArrayBuffer>,
  key: Uint8Array<ArrayBuffer>,
  aad: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  const { iv, sealed } = await seal(await rawKey(key), plain, aad);
  return concat(iv, sealed);
}

export async function decryptWithKey(
  data: Uint8Array<ArrayBuffer>,
  key: Uint8Array<ArrayBuffer>,
  aad: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  if (data.byteLength <= IV_BYTES)
    throw new ShareError('wrong-key', 'The encrypted content is cut short.');
  return open(await rawKey(key), data.slice(0, IV_BYTES), data.slice(IV_BYTES), aad);
}

/** salt ‖ iv ‖ ciphertext, under a key derived from `passphrase`. */
export async function encryptWithPassphrase(
  plain: Uint8Array<ArrayBuffer>,
  passphrase: string,
  aad: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  const salt = randomBytes(SALT_BYTES);
  const { iv, sealed } = await seal(await passphraseKey(passphrase, salt), plain, aad);
  return concat(salt, iv, sealed);
}

export async function decryptWithPassphrase(
  data: Uint8Array<ArrayBuffer>,
  passphrase: string,
  aad: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  if (data.byteLength <= SALT_BYTES + IV_BYTES) {
    throw new ShareError('wrong-key', 'The encrypted content is cut short.');
  }
  const salt = data.slice(0, SALT_BYTES);
  const key = await passphraseKey(passphrase, salt);
  return open(
    key,
    data.slice(SALT_BYTES, SALT_BYTES + IV_BYTES),
    data.slice(SALT_BYTES + IV_BYTES),
    aad,
  );
}

/** Lower-case hex SHA-256 of a string's UTF-8 bytes. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await subtle().digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
