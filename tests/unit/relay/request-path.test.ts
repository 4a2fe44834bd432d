// The string side of path safety, and the small pure helpers around it.
import { describe, expect, it } from 'vitest';
import { RelayStartError } from '../../../src/relay/errors.ts';
import { cacheControlFor } from '../../../src/relay/cache-policy.ts';
import { contentTypeFor } from '../../../src/relay/content-types.ts';
import { isLoopbackHost, urlHost } from '../../../src/relay/host-address.ts';
import {
  folderLocation,
  normaliseBase,
  parseRequestTarget,
} from '../../../src/relay/request-path.ts';

describe('normaliseBase', () => {
  it.each([
    ['/', '/'],
    ['', '/'],
    ['omnia', '/omnia/'],
    ['/omnia', '/omnia/'],
    ['/omnia/', '/omnia/'],
    ['//a//b/', '/a/b/'],
  ])('%j → %j', (base, expected) => {
    expect(normaliseBase(base)).toBe(expected);
  });

  it.each(['/../', '/a/./b/', '/a?b', '/%2e/', 'a\\b'])('refuses %j', (base) => {
    expect(() => normaliseBase(base)).toThrow(RelayStartError);
  });
});

describe('parseRequestTarget', () => {
  it('splits the path into decoded segments and keeps the query', () => {
    expect(parseRequestTarget('/omnia/assets//a%20b.js?v=1#top', '/omnia/')).toEqual({
      kind: 'path',
      segments: ['assets', 'a b.js'],
      trailingSlash: false,
      query: '?v=1',
      relative: 'assets//a b.js',
    });
    expect(parseRequestTarget('/omnia/', '/omnia/')).toMatchObject({
      segments: [],
      trailingSlash: true,
    });
  });

  it.each(['/../x', '/a/%2e%2e/x', '/a/..%2fx', '/%5c..%5cx', '/a%00', '/a\\b'])(
    'forbids %j',
    (url) => {
      expect(parseRequestTarget(url, '/').kind).toBe('forbidden');
    },
  );

  it('reports malformed encoding as a bad request', () => {
    expect(parseRequestTarget('/%E0%A4%A', '/').kind).toBe('bad-request');
    expect(parseRequestTarget('*', '/').kind).toBe('bad-request');
  });

  it('redirects the base without its slash and rejects paths outside it', () => {
    expect(parseRequestTarget('/omnia?a=1', '/omnia/')).toEqual({
      kind: 'redirect',
      location: '/omnia/?a=1',
    });
    expect(parseRequestTarget('/omniax', '/omnia/').kind).toBe('outside-base');
  });

  it('builds a folder redirect that cannot become a protocol-relative URL', () => {
    const target = parseRequestTarget('//evil.example/x', '/');
    expect(target).toMatchObject({ kind: 'path', segments: ['evil.example', 'x'] });
    expect(folderLocation('/', ['evil.example', 'x'], '')).toBe('/evil.example/x/');
    expect(folderLocation('/omnia/', ['a b'], '?q')).toBe('/omnia/a%20b/?q');
  });
});

describe('content types and caching', () => {
  it('knows the model and app file types, ignoring case', () => {
    expect(contentTypeFor('model.ONNX')).toBe('application/octet-stream');
    expect(contentTypeFor('weights.bin')).toBe('application/octet-stream');
    expect(contentTypeFor('paper.pdf')).toBe('application/pdf');
    expect(contentTypeFor('voice.wav')).toBe('audio/wav');
    expect(contentTypeFor('font.woff2')).toBe('font/woff2');
    expect(contentTypeFor('app.js.map')).toBe('application/json; charset=utf-8');
    expect(contentTypeFor('worker.mjs')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('Makefile')).toBe('application/octet-stream');
  });

  it('never marks entry points immutable, even under assets/', () => {
    expect(cacheControlFor('assets/index.html')).toBe('no-cache');
    expect(cacheControlFor('assets/x-123.js')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlFor('docs/assets/x.js')).toBe('no-cache');
  });
});

describe('hosts', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1'])(
    '%s is loopback',
    (host) => {
      expect(isLoopbackHost(host)).toBe(true);
    },
  );

  it.each(['0.0.0.0', '::', '192.168.1.10', 'example.com', '10.0.0.1'])(
    '%s is not loopback',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
    },
  );

  it('prints an address a browser can open', () => {
    expect(urlHost('0.0.0.0')).toBe('127.0.0.1');
    expect(urlHost('::1')).toBe('[::1]');
    expect(urlHost('localhost')).toBe('localhost');
  });
});
