// The header parsing a resume depends on, and the sizes quoted in error messages.
import { describe, expect, it } from 'vitest';
import { formatBytes, isQuotaError } from '../../../../src/models/download/errors';
import {
  bodyLength,
  isStrongEtag,
  parseContentRange,
  unsatisfiedRangeTotal,
  assertNotWebPage,
} from '../../../../src/models/download/http-checks';

describe('http checks', () => {
  it('parses Content-Range', () => {
    expect(parseContentRange('bytes 100-199/1000')).toEqual({ start: 100, end: 199, total: 1000 });
    expect(parseContentRange('bytes 0-9/*')).toEqual({ start: 0, end: 9, total: null });
    expect(parseContentRange('bytes */1000')).toBeNull();
    expect(parseContentRange(null)).toBeNull();
    expect(unsatisfiedRangeTotal('bytes */1000')).toBe(1000);
    expect(unsatisfiedRangeTotal('bytes 0-1/2')).toBeNull();
  });

  it('ignores Content-Length under a content coding', () => {
    expect(bodyLength(new Headers({ 'content-length': '42' }))).toBe(42);
    expect(
      bodyLength(new Headers({ 'content-length': '42', 'content-encoding': 'gzip' })),
    ).toBeNull();
    expect(bodyLength(new Headers())).toBeNull();
  });

  it('tells strong ETags from weak ones', () => {
    expect(isStrongEtag('"abc"')).toBe(true);
    expect(isStrongEtag('W/"abc"')).toBe(false);
  });
});

describe('errors', () => {
  it.each([
    [148_301, '0.15 MB'],
    [12_345_678, '12.3 MB'],
    [340_500_000, '341 MB'],
    [1_254_000_000, '1.25 GB'],
  ])('formats %i bytes as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('recognises quota errors from OPFS and from Node', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError(Object.assign(new Error('full'), { code: 'ENOSPC' }))).toBe(true);
    expect(isQuotaError(new TypeError('network'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});

describe('assertNotWebPage', () => {
  const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

  it('rejects an HTML page served under a binary name, whatever its Content-Type said', () => {
    for (const page of ['<!DOCTYPE html><html>', '  \n<html lang="en">', '\uFEFF<!doctype html>']) {
      expect(() => assertNotWebPage(bytes(page), 'onnx/model.onnx')).toThrow(
        /web page instead of onnx\/model.onnx/,
      );
    }
  });

  it('lets real weights, JSON and text files through', () => {
    expect(() =>
      assertNotWebPage(new Uint8Array([0x08, 0x07, 0x12, 0x3c]), 'onnx/model.onnx'),
    ).not.toThrow();
    expect(() => assertNotWebPage(bytes('{"a":1}'), 'config.json')).not.toThrow();
    expect(() => assertNotWebPage(bytes('<html>'), 'README.md')).not.toThrow();
  });
});
