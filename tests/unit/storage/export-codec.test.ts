// The codec is what makes an export lossless: every value IndexedDB can hold must come
// back from JSON as the same value, and a damaged file must fail with a readable reason.
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '../../../src/storage/base64';
import { decodeValue, encodeValue, ExportCodecError } from '../../../src/storage/export-codec';

async function roundTrip(value: unknown): Promise<unknown> {
  return decodeValue(JSON.parse(JSON.stringify(await encodeValue(value))));
}

describe('export codec', () => {
  it('leaves JSON values alone and keeps key order', async () => {
    const value = { z: 1, a: 'ação 😀', m: [true, null, { y: 2, b: 3 }] };
    const encoded = await encodeValue(value);
    expect(JSON.stringify(encoded)).toBe(JSON.stringify(value));
    expect(Object.keys((await roundTrip(value)) as object)).toEqual(['z', 'a', 'm']);
  });

  it('encodes a Blob with its type and bytes, and decodes it back', async () => {
    const blob = new Blob(['héllo 🌍'], { type: 'text/plain;charset=utf-8' });
    const encoded = await encodeValue(blob);
    expect(encoded).toEqual({
      $omnia: 'blob',
      type: 'text/plain;charset=utf-8',
      base64: bytesToBase64(new TextEncoder().encode('héllo 🌍')),
    });
    const decoded = decodeValue(encoded);
    expect(decoded).toBeInstanceOf(Blob);
    expect((decoded as Blob).type).toBe('text/plain;charset=utf-8');
    expect(await (decoded as Blob).text()).toBe('héllo 🌍');
  });

  it('keeps a File its name and date', async () => {
    const file = new File([new Uint8Array([1, 2, 3])], 'x.bin', {
      type: 'application/x',
      lastModified: 42,
    });
    const decoded = (await roundTrip(file)) as File;
    expect(decoded).toBeInstanceOf(File);
    expect([decoded.name, decoded.lastModified, decoded.type]).toEqual([
      'x.bin',
      42,
      'application/x',
    ]);
    expect([...new Uint8Array(await decoded.arrayBuffer())]).toEqual([1, 2, 3]);
  });

  it('round-trips ArrayBuffer, every typed array and DataView, views of larger buffers included', async () => {
    const backing = new Uint8Array([9, 1, 2, 3, 4, 9]);
    const values = [
      new Uint8Array([0, 127, 255]).buffer,
      new Int8Array([-128, 0, 127]),
      new Uint8Array(backing.buffer, 1, 4),
      new Uint8ClampedArray([0, 255]),
      new Int16Array([-32768, 32767]),
      new Uint16Array([65535]),
      new Int32Array([-1, 2 ** 31 - 1]),
      new Uint32Array([2 ** 32 - 1]),
      new Float32Array([1.5, Number.NaN, -Infinity]),
      new Float64Array([Math.PI, -0]),
      new BigInt64Array([-(2n ** 63n)]),
      new BigUint64Array([2n ** 64n - 1n]),
      new DataView(new Uint8Array([5, 6]).buffer),
    ];
    for (const value of values) {
      const encoded = (await encodeValue(value)) as { kind: string };
      const decoded = await roundTrip(value);
      expect(Object.prototype.toString.call(decoded)).toBe(Object.prototype.toString.call(value));
      expect(encoded.kind).toBe(Object.prototype.toString.call(value).slice(8, -1));
      expect(decoded).toEqual(value);
    }
    expect([...((await roundTrip(new Uint8Array(backing.buffer, 1, 4))) as Uint8Array)]).toEqual([
      1, 2, 3, 4,
    ]);
  });

  it('round-trips Date, Map, Set, bigint, undefined, NaN, ±Infinity and -0', async () => {
    const value = {
      date: new Date('2024-02-29T12:00:00.000Z'),
      invalidDate: new Date(Number.NaN),
      map: new Map<unknown, unknown>([
        [1, new Date(0)],
        ['k', [1, 2]],
      ]),
      set: new Set(['a', 2]),
      big: -123456789012345678901234567890n,
      nothing: undefined,
      numbers: [Number.NaN, Infinity, -Infinity, -0, 0, 1.5],
    };
    const decoded = (await roundTrip(value)) as typeof value;
    expect(decoded).toEqual(value);
    expect(Object.keys(decoded)).toContain('nothing');
    expect(Object.is(decoded.numbers[3], -0)).toBe(true);
    expect(Object.is(decoded.numbers[4], 0)).toBe(true);
    expect(decoded.date.toISOString()).toBe('2024-02-29T12:00:00.000Z');
    expect(Number.isNaN(decoded.invalidDate.getTime())).toBe(true);
  });

  it('cannot be fooled by a stored object that has a "$omnia" key', async () => {
    const value = { $omnia: 'blob', base64: 'not really', nested: { $omnia: 'date', iso: 'x' } };
    const decoded = await roundTrip(value);
    expect(decoded).toEqual(value);
  });

  it('keeps a "__proto__" key an own property instead of changing the prototype', () => {
    const decoded = decodeValue(JSON.parse('{"__proto__":{"polluted":true},"a":1}')) as Record<
      string,
      unknown
    >;
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.hasOwn(decoded, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses values it cannot carry, naming where they are', async () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    await expect(encodeValue({ inner: cyclic })).rejects.toThrow(/inner.self refers to itself/);
    await expect(encodeValue({ when: /x/ })).rejects.toThrow(ExportCodecError);
    await expect(encodeValue({ f: () => 1 })).rejects.toThrow(/f holds a function/);
  });

  it('allows the same object twice when it is not a cycle', async () => {
    const shared = { x: 1 };
    expect(await encodeValue([shared, shared])).toEqual([{ x: 1 }, { x: 1 }]);
  });

  it('refuses damaged tagged values with an ExportCodecError naming the path', () => {
    const bad: unknown[] = [
      { a: { $omnia: 'blob', type: 'text/plain', base64: '***' } },
      { a: { $omnia: 'blob', base64: 'AA==' } },
      { a: { $omnia: 'bytes', kind: 'Float64Array', base64: 'AAA=' } },
      { a: { $omnia: 'bytes', kind: 'Nope', base64: '' } },
      { a: { $omnia: 'date', iso: 'yesterday' } },
      { a: { $omnia: 'number', value: '7' } },
      { a: { $omnia: 'bigint', value: '1.5' } },
      { a: { $omnia: 'map', entries: [[1]] } },
      { a: { $omnia: 'set' } },
      { a: { $omnia: 'object', value: [] } },
      { a: { $omnia: 'from-the-future' } },
    ];
    for (const value of bad) {
      expect(() => decodeValue(value), JSON.stringify(value)).toThrow(ExportCodecError);
      expect(() => decodeValue(value)).toThrow(/^a[ <]/);
    }
  });

  it('base64 helpers handle large inputs and every byte value', () => {
    const bytes = new Uint8Array(100_003).map((_, i) => (i * 7) % 256);
    const base64 = bytesToBase64(bytes);
    expect(base64).toBe(Buffer.from(bytes).toString('base64'));
    expect(Buffer.from(base64ToBytes(base64)).equals(Buffer.from(bytes))).toBe(true);
    expect(bytesToBase64(new Uint8Array())).toBe('');
    expect(() => base64ToBytes('***')).toThrow();
  });
});
