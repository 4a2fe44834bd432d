// The verified-cache wiring of transformers.js: which keys it asks for, that only registered
// sources answer, and that nothing under our pseudo-origin ever reaches a real fetch.
import { env } from '@huggingface/transformers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  configureTransformers,
  matchVerified,
  registerModelFiles,
  VERIFIED_ORIGIN,
  verifiedFileKey,
  wasmPathsConfigured,
} from '../../../../src/models/engines/transformers/transformers-env';
import type { ModelFileSource } from '../../../../src/models/engines/types';

function memorySource(files: Record<string, string>): ModelFileSource {
  return {
    open: (path) => Promise.resolve(path in files ? new Blob([files[path] ?? '']) : null),
  };
}

async function text(key: string): Promise<string | undefined> {
  return (await matchVerified(key))?.text();
}

describe('transformers.js environment', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    cleanups.splice(0).forEach((fn) => fn());
    vi.unstubAllGlobals();
  });

  it('points every model path at the verified pseudo-origin and turns the network off', () => {
    configureTransformers();
    expect(env.allowRemoteModels).toBe(false);
    expect(env.allowLocalModels).toBe(true);
    expect(env.useBrowserCache).toBe(false);
    expect(env.useFSCache).toBe(false);
    expect(env.useCustomCache).toBe(true);
    expect(env.localModelPath).toBe(VERIFIED_ORIGIN);
    expect(env.remoteHost).toBe(VERIFIED_ORIGIN);
    expect(verifiedFileKey('Xenova/all-MiniLM-L6-v2', 'onnx/model_quantized.onnx')).toBe(
      'omnia-verified://Xenova/all-MiniLM-L6-v2/onnx/model_quantized.onnx',
    );
  });

  it('answers only from registered sources, with the bytes and their length', async () => {
    configureTransformers();
    const key = verifiedFileKey('owner/model', 'config.json');
    expect(await matchVerified(key)).toBeUndefined();
    const unregister = registerModelFiles('owner/model', memorySource({ 'config.json': '{}' }));
    const response = await matchVerified(key);
    expect(response?.headers.get('content-length')).toBe('2');
    expect(await response?.text()).toBe('{}');
    expect(await matchVerified(verifiedFileKey('owner/model', 'tokenizer.json'))).toBeUndefined();
    // Keys of another form (the hub's URLs) never match.
    expect(await matchVerified('https://huggingface.co/owner/model/resolve/main/config.json')).toBe(
      undefined,
    );
    unregister();
    unregister();
    expect(await matchVerified(key)).toBeUndefined();
  });

  it('picks the longest registered repo and the latest registration for it', async () => {
    cleanups.push(registerModelFiles('owner/model', memorySource({ 'x.json': 'short' })));
    cleanups.push(registerModelFiles('owner/model-2', memorySource({ 'x.json': 'long' })));
    expect(await text(verifiedFileKey('owner/model', 'x.json'))).toBe('short');
    expect(await text(verifiedFileKey('owner/model-2', 'x.json'))).toBe('long');

    const newer = registerModelFiles('owner/model', memorySource({ 'x.json': 'newer' }));
    expect(await text(verifiedFileKey('owner/model', 'x.json'))).toBe('newer');
    newer();
    expect(await text(verifiedFileKey('owner/model', 'x.json'))).toBe('short');
  });

  it('refuses the pseudo-origin in fetch without calling the real fetch', async () => {
    configureTransformers();
    const fetchSpy = vi.fn(() => Promise.reject(new Error('no network in this test')));
    vi.stubGlobal('fetch', fetchSpy);
    const response = (await env.fetch(verifiedFileKey('owner/model', 'config.json'))) as Response;
    expect(response.status).toBe(404);
    expect(fetchSpy).not.toHaveBeenCalled();
    // Anything else goes to the global fetch of the moment (so guards and stubs see it).
    await expect(env.fetch('http://127.0.0.1:9/x')).rejects.toThrow('no network in this test');
    expect(fetchSpy).toHaveBeenCalledTimes(1);
  });

  it('leaves wasmPaths alone in Node, where onnxruntime-node needs no files', () => {
    const wasm = env.backends.onnx.wasm;
    const before = wasm?.wasmPaths;
    configureTransformers({ wasmPaths: '/ort/' });
    expect(wasm?.wasmPaths).toBe(before);
    expect(wasmPathsConfigured()).toBe(true);
  });
});
