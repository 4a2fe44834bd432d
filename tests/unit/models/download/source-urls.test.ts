// Every engine fetches through these URLs, and a person types the relay one, so both the
// layout and the validation messages are pinned here.
import { describe, expect, it } from 'vitest';
import { defineEntry } from '../../../../src/models/catalog-types';
import { RelayUrlError } from '../../../../src/models/download/errors';
import { HUB_SOURCE, fileUrl, parseRelayUrl } from '../../../../src/models/download/source-urls';
import { EMBEDDER } from './helpers';

const hubEntry = defineEntry({
  ...EMBEDDER,
  id: 'test-hub-entry',
  repo: 'Xenova/all-MiniLM-L6-v2',
  revision: 'refs/pr/1',
});

describe('fileUrl', () => {
  it('follows the hub layout', () => {
    expect(fileUrl(HUB_SOURCE, hubEntry, 'onnx/model_quantized.onnx')).toBe(
      'https://huggingface.co/Xenova/all-MiniLM-L6-v2/resolve/refs%2Fpr%2F1/onnx/model_quantized.onnx',
    );
  });

  it('puts the same layout under a relay base, encoding each path segment', () => {
    const relay = { kind: 'relay', baseUrl: 'http://127.0.0.1:4173/omnia/models/' } as const;
    expect(fileUrl(relay, EMBEDDER, 'dir name/a#b?.json')).toBe(
      'http://127.0.0.1:4173/omnia/models/omnia-fixture-embedder/resolve/main/dir%20name/a%23b%3F.json',
    );
  });
});

describe('parseRelayUrl', () => {
  it.each([
    ['http://127.0.0.1:4173', 'http://127.0.0.1:4173/models'],
    ['http://127.0.0.1:4173/', 'http://127.0.0.1:4173/models'],
    ['  https://relay.example.org/omnia/  ', 'https://relay.example.org/omnia/models'],
    ['http://127.0.0.1:4173/omnia/models', 'http://127.0.0.1:4173/omnia/models'],
    ['http://127.0.0.1:4173/models///', 'http://127.0.0.1:4173/models'],
    ['HTTP://Relay.Example.org:8080', 'http://relay.example.org:8080/models'],
  ])('accepts %s', (input, baseUrl) => {
    expect(parseRelayUrl(input)).toEqual({ kind: 'relay', baseUrl });
  });

  it.each([
    ['', /Enter the relay's address/],
    ['127.0.0.1:4173', /must start with http:\/\/ or https:\/\//],
    ['ftp://relay.example.org', /must use http:\/\/ or https:\/\/, not ftp:/],
    ['file:///etc/passwd', /must use http:\/\/ or https:\/\//],
    ['http://user:secret@relay.example.org', /must not contain a user name or password/],
    ['http://relay.example.org/?token=1', /must not have a query/],
    ['http://relay.example.org/#models', /or a fragment/],
    ['http://', /is not a valid URL/],
  ])('rejects %j', (input, message) => {
    expect(() => parseRelayUrl(input)).toThrow(RelayUrlError);
    expect(() => parseRelayUrl(input)).toThrow(message);
  });
});
