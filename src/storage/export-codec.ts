// Turns stored values into JSON and back without loss. IndexedDB keeps what structured
// clone can hold (Blobs, typed arrays, Dates, Maps, non-finite numbers…); JSON cannot, so
// those travel as tagged objects `{ "$omnia": tag, … }`. Plain objects that happen to
// have a "$omnia" key of their own are wrapped, so no stored value can pass for a tag.

import { base64ToBytes, bytesToBase64 } from './base64';

const TAG = '$omnia';

/** A value the codec cannot write or read; portability.ts says where it was found. */
export class ExportCodecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportCodecError';
  }
}

const TYPED_ARRAYS = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
} as const;

type TypedArrayKind = keyof typeof TYPED_ARRAYS;
type BytesKind = TypedArrayKind | 'ArrayBuffer' | 'DataView';

/** Like `obj[key] = value`, but a key named "__proto__" stays an own property. */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  // The constructor-name test accepts plain objects made in another realm (an iframe).
  return (
    proto === null ||
    proto === Object.prototype ||
    (proto as { constructor?: { name?: unknown } }).constructor?.name === 'Object'
  );
}

function encodeNumber(value: number): unknown {
  if (Number.isNaN(value)) return { [TAG]: 'number', value: 'NaN' };
  if (value === Infinity) return { [TAG]: 'number', value: 'Infinity' };
  if (value === -Infinity) return { [TAG]: 'number', value: '-Infinity' };
  if (Object.is(value, -0)) return { [TAG]: 'number', value: '-0' };
  return value;
}

function bytesKindOf(value: ArrayBufferView): BytesKind | undefined {
  if (value instanceof DataView) return 'DataView';
  const kind = Object.prototype.toString.call(value).slice(8, -1);
  return kind in TYPED_ARRAYS ? (kind as TypedArrayKind) : undefined;
}

/** Blob bytes can only be read asynchronously; these fill their placeholders afterwards. */
type Pending = Promise<void>[];

function encodeBlob(blob: Blob, pending: Pending): Record<string, unknown> {
  const out: Record<string, unknown> =
    typeof File !== 'undefined' && blob instanceof File
      ? { [TAG]: 'blob', type: blob.type, name: blob.name, lastModified: blob.lastModified }
      : { [TAG]: 'blob', type: blob.type };
  out.base64 = '';
  pending.push(
    blob.arrayBuffer().then((buffer) => {
      out.base64 = bytesToBase64(new Uint8Array(buffer));
    }),
  );
  return out;
}

/**
 * Encodes a stored value as JSON-safe data, keeping object key order.
 * @example JSON.stringify(await encodeValue({ at: new Date(0) }))
 *   // '{"at":{"$omnia":"date","iso":"1970-01-01T00:00:00.000Z"}}'
 */
export async function encodeValue(value: unknown): Promise<unknown> {
  const pending: Pending = [];
  const encoded = encodeAny(value, '', new Set(), pending);
  await Promise.all(pending);
  return encoded;
}

function encodeAny(value: unknown, path: string, seen: Set<object>, pending: Pending): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return encodeNumber(value);
    case 'bigint':
      return { [TAG]: 'bigint', value: value.toString() };
    case 'undefined':
      return { [TAG]: 'undefined' };
    case 'function':
    case 'symbol':
      return fail(path, `holds a ${typeof value}, which cannot be exported`);
    case 'object':
      if (value === null) return null;
      if (seen.has(value)) fail(path, 'refers to itself, which cannot be exported');
      seen.add(value);
      try {
        return encodeObject(value, path, seen, pending);
      } finally {
        seen.delete(value);
      }
  }
}

function encodeObject(value: object, path: string, seen: Set<object>, pending: Pending): unknown {
  const encode = (v: unknown, at: string): unknown => encodeAny(v, at, seen, pending);
  if (Array.isArray(value)) {
    // Array.from also visits holes, which JSON would turn into null.
    return Array.from(value as unknown[], (item, i) => encode(item, `${path}[${i}]`));
  }
  if (value instanceof Blob) return encodeBlob(value, pending);
  if (value instanceof Date) {
    return { [TAG]: 'date', iso: Number.isNaN(value.getTime()) ? null : value.toISOString() };
  }
  if (value instanceof ArrayBuffer) {
    return { [TAG]: 'bytes', kind: 'ArrayBuffer', base64: bytesToBase64(new Uint8Array(value)) };
  }
  if (ArrayBuffer.isView(value)) {
    const kind = bytesKindOf(value);
    if (kind) {
      const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      return { [TAG]: 'bytes', kind, base64: bytesToBase64(bytes) };
    }
  }
  if (value instanceof Map) {
    const entries = Array.from(value, ([k, v]) => [
      encode(k, `${path}<key>`),
      encode(v, `${path}<value>`),
    ]);
    return { [TAG]: 'map', entries };
  }
  if (value instanceof Set) {
    return { [TAG]: 'set', values: Array.from(value, (v) => encode(v, `${path}<item>`)) };
  }
  if (!isPlainObject(value)) {
    const name = Object.prototype.toString.call(value).slice(8, -1);
    fail(path, `holds a ${name}, which cannot be exported`);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) setOwn(out, k, encode(v, path ? `${path}.${k}` : k));
  return Object.hasOwn(value, TAG) ? { [TAG]: 'object', value: out } : out;
}

function fail(path: string, problem: string): never {
  throw new ExportCodecError(`${path || 'the row'} ${problem}`);
}

function stringField(tagged: Record<string, unknown>, field: string, path: string): string {
  const value = tagged[field];
  if (typeof value !== 'string')
    fail(path, `has a '${tagged[TAG] as string}' value without a text '${field}'`);
  return value;
}

const SPECIAL_NUMBERS: Record<string, number> = { NaN, Infinity, '-Infinity': -Infinity, '-0': -0 };

function bytesField(tagged: Record<string, unknown>, path: string): Uint8Array<ArrayBuffer> {
  const base64 = stringField(tagged, 'base64', path);
  try {
    return base64ToBytes(base64);
  } catch {
    return fail(path, 'has damaged base64 data');
  }
}

function decodeBlob(tagged: Record<string, unknown>, path: string): Blob {
  const bytes = bytesField(tagged, path);
  const type = stringField(tagged, 'type', path);
  if (typeof tagged.name === 'string') {
    const lastModified = typeof tagged.lastModified === 'number' ? tagged.lastModified : undefined;
    return new File([bytes], tagged.name, { type, lastModified });
  }
  return new Blob([bytes], { type });
}

function decodeBytes(tagged: Record<string, unknown>, path: string): unknown {
  const kind = stringField(tagged, 'kind', path);
  const bytes = bytesField(tagged, path);
  if (kind === 'ArrayBuffer') return bytes.buffer;
  if (kind === 'DataView') return new DataView(bytes.buffer);
  if (!Object.hasOwn(TYPED_ARRAYS, kind)) fail(path, `has bytes of an unknown kind '${kind}'`);
  const Ctor = TYPED_ARRAYS[kind as TypedArrayKind];
  if (bytes.byteLength % Ctor.BYTES_PER_ELEMENT !== 0)
    fail(path, `has ${kind} data of a wrong length`);
  return new Ctor(bytes.buffer);
}

function decodeTagged(tagged: Record<string, unknown>, path: string): unknown {
  switch (tagged[TAG]) {
    case 'blob':
      return decodeBlob(tagged, path);
    case 'bytes':
      return decodeBytes(tagged, path);
    case 'date': {
      if (tagged.iso === null) return new Date(NaN);
      const date = new Date(stringField(tagged, 'iso', path));
      if (Number.isNaN(date.getTime())) fail(path, 'has a date that cannot be read');
      return date;
    }
    case 'number': {
      const text = stringField(tagged, 'value', path);
      if (!Object.hasOwn(SPECIAL_NUMBERS, text)) fail(path, `has an unknown number '${text}'`);
      return SPECIAL_NUMBERS[text];
    }
    case 'bigint':
      try {
        return BigInt(stringField(tagged, 'value', path));
      } catch {
        return fail(path, 'has a whole number that cannot be read');
      }
    case 'undefined':
      return undefined;
    case 'map': {
      if (!Array.isArray(tagged.entries)) fail(path, "has a 'map' value without entries");
      return new Map(
        tagged.entries.map((entry: unknown, i) => {
          if (!Array.isArray(entry) || entry.length !== 2)
            fail(`${path}<entry ${i}>`, 'is not a key and value pair');
          return [decodeValue(entry[0], `${path}<key>`), decodeValue(entry[1], `${path}<value>`)];
        }),
      );
    }
    case 'set':
      if (!Array.isArray(tagged.values)) fail(path, "has a 'set' value without values");
      return new Set(tagged.values.map((v: unknown) => decodeValue(v, `${path}<item>`)));
    case 'object': {
      const inner = tagged.value;
      if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) {
        fail(path, "has an 'object' value that is not an object");
      }
      return decodeProperties(inner as Record<string, unknown>, path);
    }
    default:
      return fail(path, `has a value of an unknown kind ${JSON.stringify(tagged[TAG])}`);
  }
}

function decodeProperties(value: Record<string, unknown>, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    setOwn(out, k, decodeValue(v, path ? `${path}.${k}` : k));
  return out;
}

/** Reverses encodeValue. @throws ExportCodecError naming the path of a damaged value. */
export function decodeValue(json: unknown, path = ''): unknown {
  if (typeof json !== 'object' || json === null) return json;
  if (Array.isArray(json))
    return json.map((item: unknown, i) => decodeValue(item, `${path}[${i}]`));
  const obj = json as Record<string, unknown>;
  return Object.hasOwn(obj, TAG) ? decodeTagged(obj, path) : decodeProperties(obj, path);
}
