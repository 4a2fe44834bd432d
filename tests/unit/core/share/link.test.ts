// Share links end to end in Node (which has CompressionStream and WebCrypto like a browser):
// round trips in every mode, and every kind of broken or hostile link refused with its kind.
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compress, decompress, fromBase64Url, toBase64Url } from '../../../../src/core/share/codec';
import {
  conversationContent,
  conversationProvenance,
} from '../../../../src/core/share/conversation';
import { ShareError, type ShareErrorKind } from '../../../../src/core/share/errors';
import type { ConversationShare } from '../../../../src/core/share/format';
import {
  LINK_WARN_CHARS,
  MAX_JSON_BYTES,
  MAX_PAYLOAD_CHARS,
} from '../../../../src/core/share/limits';
import {
  contentHash,
  decodeShare,
  encodeShare,
  makePayload,
  shareModeOf,
} from '../../../../src/core/share/link';
import { typicalConversation } from './share-fixtures';

async function payload(): Promise<ConversationShare> {
  const messages = typicalConversation();
  return makePayload(
    'conversation',
    conversationContent('Devoluções e bicicletas', messages),
    conversationProvenance(messages, '0.1.0', Date.UTC(2025, 4, 2)),
  );
}

async function rejection(promise: Promise<unknown>): Promise<ShareErrorKind> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ShareError) return error.kind;
    throw error;
  }
  throw new Error('expected a ShareError');
}

/** A plain-mode body around arbitrary bytes (to build hostile links). */
const plainBody = (packed: Uint8Array): string => `1.z.${toBase64Url(packed)}`;
const jsonBody = (value: unknown): string =>
  plainBody(deflateRawSync(Buffer.from(JSON.stringify(value))));

describe('share links', () => {
  it('round-trips a conversation in each mode, with its provenance note', async () => {
    const p = await payload();
    for (const protection of [
      { kind: 'none' },
      { kind: 'random-key' },
      { kind: 'passphrase', passphrase: 'correct horse battery staple' },
    ] as const) {
      const body = await encodeShare(p, protection);
      const secret = protection.kind === 'passphrase' ? protection.passphrase : undefined;
      expect(await decodeShare(body, secret)).toEqual(p);
    }
    expect(p.provenance.models).toEqual([
      {
        id: 'qwen2.5-0.5b-instruct-q4f16_1-MLC',
        params: { temperature: 0.7, topP: 0.9, maxNewTokens: 512 },
      },
    ]);
    expect(p.provenance.sources).toEqual([
      { name: 'politica-de-trocas-loja-aurora.md', section: 'Prazo para devolução' },
    ]);
    expect(p.provenance.contentSha256).toBe(await contentHash(p.content));
  });

  it('records the length of a typical 20-message conversation link', async () => {
    const p = await payload();
    expect(p.content.messages).toHaveLength(20);
    const json = JSON.stringify(p).length;
    const plain = await encodeShare(p, { kind: 'none' });
    const keyed = await encodeShare(p, { kind: 'random-key' });
    const locked = await encodeShare(p, { kind: 'passphrase', passphrase: 'x' });
    const prefix = 'https://omnia.example/#/share/'.length;
    console.log(
      `20-message link: JSON ${json} chars → plain ${plain.length + prefix}, random key ${keyed.length + prefix}, passphrase ${locked.length + prefix} chars (warning above ${LINK_WARN_CHARS})`,
    );
    // Compression must pay: well under the JSON, and a few thousand characters at most.
    expect(plain.length).toBeLessThan(json * 0.7);
    expect(plain.length + prefix).toBeLessThan(4_000);
    // iv + GCM tag (28 bytes) and the 32-byte key; salt + iv + tag (44 bytes).
    expect(keyed.length - plain.length).toBeLessThan(90);
    expect(locked.length - plain.length).toBeLessThan(70);
  });

  it('opens with the right passphrase only', async () => {
    const body = await encodeShare(await payload(), {
      kind: 'passphrase',
      passphrase: 'senha certa',
    });
    expect(shareModeOf(body)).toBe('passphrase');
    expect(await rejection(decodeShare(body))).toBe('needs-passphrase');
    expect(await rejection(decodeShare(body, 'senha errada'))).toBe('wrong-key');
    expect((await decodeShare(body, 'senha certa')).kind).toBe('conversation');
  });

  it('refuses a random-key link with another key', async () => {
    const body = await encodeShare(await payload(), { kind: 'random-key' });
    const [v, m, data] = body.split('.');
    const other = toBase64Url(new Uint8Array(32).fill(7));
    expect(await rejection(decodeShare(`${v}.${m}.${data}.${other}`))).toBe('wrong-key');
    expect(await rejection(decodeShare(`${v}.${m}.${data}.AAAA`))).toBe('wrong-key');
  });

  it('refuses tampered links in every mode', async () => {
    const p = await payload();
    const flip = (body: string, at: number): string => {
      const parts = body.split('.');
      const data = fromBase64Url(parts[2] ?? '');
      data[at] = (data[at] ?? 0) ^ 0x01;
      parts[2] = toBase64Url(data);
      return parts.join('.');
    };
    const keyed = await encodeShare(p, { kind: 'random-key' });
    expect(await rejection(decodeShare(flip(keyed, 40)))).toBe('wrong-key');
    const locked = await encodeShare(p, { kind: 'passphrase', passphrase: 'pw' });
    expect(await rejection(decodeShare(flip(locked, 60), 'pw'))).toBe('wrong-key');
    // An encrypted body moved under another header fails its authentication too.
    expect(await rejection(decodeShare(locked.replace('1.p.', '1.z.')))).not.toBe(undefined);
    // Plain links: a flipped bit breaks the deflate stream, the JSON, or the content hash.
    const plain = await encodeShare(p, { kind: 'none' });
    for (const at of [5, 100, 300]) {
      expect(['bad-compression', 'bad-schema', 'tampered']).toContain(
        await rejection(decodeShare(flip(plain, at))),
      );
    }
    // Content edited with a valid envelope: the hash in the note no longer matches.
    const edited = structuredClone(p);
    edited.content.messages[0]!.content = 'Transfira R$ 5.000 para esta conta.';
    expect(await rejection(decodeShare(jsonBody(edited)))).toBe('tampered');
  });

  it('refuses links that are too long before decoding them', async () => {
    expect(await rejection(decodeShare(`1.z.${'A'.repeat(MAX_PAYLOAD_CHARS)}`))).toBe('too-long');
  });

  it('stops a decompression bomb at the cap', async () => {
    // 64 MB of zeros deflates to ~64 KB: well inside the length cap, far past the JSON cap.
    const bomb = deflateRawSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    const body = plainBody(bomb);
    expect(body.length).toBeLessThan(MAX_PAYLOAD_CHARS);
    const started = performance.now();
    expect(await rejection(decodeShare(body))).toBe('too-large');
    expect(performance.now() - started).toBeLessThan(5_000);
    // The fflate fallback (browsers without DecompressionStream) stops at the cap too.
    expect(await rejection(decompress(bomb, MAX_JSON_BYTES, false))).toBe('too-large');
  });

  it('refuses bad base64, bad headers and bytes that are not deflate', async () => {
    expect(await rejection(decodeShare('1.z.abc$def'))).toBe('bad-base64');
    expect(await rejection(decodeShare('1.z.A'))).toBe('bad-base64');
    expect(await rejection(decodeShare('1.z.abc=='))).toBe('bad-base64');
    for (const body of ['', 'hello', '2.z.AAAA', '1.x.AAAA', '1.z.', '1.k.AAAA', '1.z.AAAA.BBBB']) {
      expect(await rejection(decodeShare(body))).toBe('bad-format');
    }
    expect(await rejection(decodeShare(plainBody(new Uint8Array([0xff, 0xff, 0xff, 0xff]))))).toBe(
      'bad-compression',
    );
    expect(await rejection(decodeShare(plainBody(deflateRawSync(Buffer.from('not json')))))).toBe(
      'bad-schema',
    );
    const latin1 = deflateRawSync(Buffer.from([0x7b, 0xe9, 0x7d]));
    expect(await rejection(decodeShare(plainBody(latin1)))).toBe('bad-schema');
  });

  it('round-trips through the fflate fallback as through the native streams', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify(await payload()));
    const native = await compress(bytes, true);
    const fallback = await compress(bytes, false);
    expect(await decompress(native, MAX_JSON_BYTES, false)).toEqual(bytes);
    expect(await decompress(fallback, MAX_JSON_BYTES, true)).toEqual(bytes);
  });
});
