// The web-llm adapter at web-llm's engine interface. web-llm cannot load a model here (it
// needs MLC weights and a compiled WebGPU library from the hub), so the engine is a small
// class implementing the part of MLCEngineInterface the adapter uses, streaming real
// ChatCompletionChunk objects; the adapter is what is under test.
import {
  prebuiltAppConfig,
  type ChatCompletionChunk,
  type ChatCompletionRequestStreaming,
  type CompletionUsage,
  type MLCEngineConfig,
  type MLCEngineInterface,
} from '@mlc-ai/web-llm';
import { describe, expect, it, vi } from 'vitest';
import { getModel, listModels } from '../../../../src/models/catalog';
import { WEBLLM_MODEL_LIB_PREFIX } from '../../../../src/models/catalog-chat';
import { EngineError } from '../../../../src/models/engines/errors';
import type { ChatTurn } from '../../../../src/models/engines/types';
import {
  createWebLlmChat,
  loadWebLlmChat,
  type WebLlmChatBackend,
} from '../../../../src/models/engines/webllm/webllm-chat';
import { webLlmAppConfigFor } from '../../../../src/models/engines/webllm/webllm-config';
import { engineErrorOf } from './fixture-files';

// MLCEngine itself must fit the slice the adapter asks for.
const _engineFits: WebLlmChatBackend = null as unknown as MLCEngineInterface;
void _engineFits;

const webLlmEntries = listModels({ task: 'chat' }).filter((e) => e.engine === 'web-llm');
const f16Entry = getModel('llama-3.2-1b-instruct-q4f16-mlc');
const f32Entry = getModel('llama-3.2-1b-instruct-q4f32-mlc');
const TURNS: ChatTurn[] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Oi!' },
  { role: 'assistant', content: 'Olá.' },
  { role: 'user', content: 'Tudo bem?' },
];

function chunk(
  choices: ChatCompletionChunk.Choice[],
  usage?: CompletionUsage,
): ChatCompletionChunk {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: 'fake',
    choices,
    ...(usage ? { usage } : {}),
  };
}

/** Streams `tokens` one delta each, like MLCEngine, honouring max_tokens and interrupts. */
class FakeMlcEngine implements WebLlmChatBackend {
  readonly requests: ChatCompletionRequestStreaming[] = [];
  interrupts = 0;
  unloads = 0;
  active = 0;
  maxActive = 0;
  #interrupted = false;

  constructor(
    readonly tokens: readonly string[],
    readonly failWith?: Error,
  ) {}

  readonly chat = {
    completions: {
      create: (request: ChatCompletionRequestStreaming) => {
        this.requests.push(request);
        this.#interrupted = false;
        return Promise.resolve(this.#stream(request));
      },
    },
  };

  async *#stream(request: ChatCompletionRequestStreaming): AsyncGenerator<ChatCompletionChunk> {
    this.active += 1;
    this.maxActive = Math.max(this.maxActive, this.active);
    try {
      let emitted = 0;
      let finish: ChatCompletionChunk.Choice['finish_reason'] = 'stop';
      yield chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]);
      for (const token of this.tokens) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (this.failWith) throw this.failWith;
        if (this.#interrupted) {
          finish = 'abort';
          break;
        }
        if (request.max_tokens != null && emitted >= request.max_tokens) {
          finish = 'length';
          break;
        }
        emitted += 1;
        yield chunk([{ index: 0, delta: { content: token }, finish_reason: null }]);
      }
      yield chunk([{ index: 0, delta: {}, finish_reason: finish }]);
      if (request.stream_options?.include_usage) {
        yield chunk([], {
          prompt_tokens: 21,
          completion_tokens: emitted,
          total_tokens: 21 + emitted,
          extra: {
            e2e_latency_s: 0.5,
            prefill_tokens_per_s: 400,
            decode_tokens_per_s: 37.5,
            time_to_first_token_s: 0.05,
            time_per_output_token_s: 1 / 37.5,
          },
        });
      }
    } finally {
      this.active -= 1;
    }
  }

  interruptGenerate(): void {
    this.interrupts += 1;
    this.#interrupted = true;
  }

  unload(): Promise<void> {
    this.unloads += 1;
    return Promise.resolve();
  }
}

describe('createWebLlmChat', () => {
  const TOKENS = ['Tudo', ' bem', ',', ' e', ' você', '?'];

  it('maps turns and options to one streaming request with usage', async () => {
    const engine = new FakeMlcEngine(TOKENS);
    const chat = createWebLlmChat(engine, f16Entry);
    await chat.generate(TURNS);
    await chat.generate(TURNS, { temperature: 0.7, topP: 0.9, maxNewTokens: 32 });
    expect(engine.requests[0]).toEqual({
      messages: TURNS,
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0, // greedy by default, as on transformers.js
    });
    expect(engine.requests[1]).toMatchObject({ temperature: 0.7, top_p: 0.9, max_tokens: 32 });
  });

  it('streams deltas in order and takes counts and speed from the usage chunk', async () => {
    const engine = new FakeMlcEngine(TOKENS);
    const chat = createWebLlmChat(engine, f16Entry);
    expect(chat).toMatchObject({ modelId: f16Entry.id, device: 'webgpu', fallback: null });
    const seen: { id: number | null; text: string }[] = [];
    const result = await chat.generate(TURNS, { onToken: (t) => seen.push(t) });
    expect(seen).toEqual(TOKENS.map((text) => ({ id: null, text })));
    expect(result).toMatchObject({
      text: 'Tudo bem, e você?',
      tokenIds: null,
      promptTokens: 21,
      completionTokens: TOKENS.length,
      finishReason: 'stop',
    });
    expect(result.timings.firstTokenMs).toBeGreaterThan(0);
    expect(result.timings.totalMs).toBeGreaterThanOrEqual(result.timings.firstTokenMs ?? Infinity);
    expect(result.timings.tokensPerSecond).toBe(37.5);
  });

  it("maps web-llm's 'length' finish", async () => {
    const result = await createWebLlmChat(new FakeMlcEngine(TOKENS), f16Entry).generate(TURNS, {
      maxNewTokens: 2,
    });
    expect(result).toMatchObject({ text: 'Tudo bem', completionTokens: 2, finishReason: 'length' });
  });

  it('interrupts the engine on abort and keeps the partial answer', async () => {
    const engine = new FakeMlcEngine(TOKENS);
    const controller = new AbortController();
    const seen: string[] = [];
    const result = await createWebLlmChat(engine, f16Entry).generate(TURNS, {
      signal: controller.signal,
      onToken: (t) => {
        seen.push(t.text);
        if (seen.length === 3) controller.abort();
      },
    });
    expect(engine.interrupts).toBe(1);
    expect(result).toMatchObject({
      text: 'Tudo bem,',
      completionTokens: 3,
      finishReason: 'aborted',
    });
    expect(seen.join('')).toBe(result.text);
  });

  it('does not start a request when the signal is already aborted', async () => {
    const engine = new FakeMlcEngine(TOKENS);
    const controller = new AbortController();
    controller.abort();
    const result = await createWebLlmChat(engine, f16Entry).generate(TURNS, {
      signal: controller.signal,
    });
    expect(engine.requests).toHaveLength(0);
    expect(result).toMatchObject({ text: '', completionTokens: 0, finishReason: 'aborted' });
  });

  it('runs one request at a time', async () => {
    const engine = new FakeMlcEngine(TOKENS);
    const chat = createWebLlmChat(engine, f16Entry);
    const results = await Promise.all([chat.generate(TURNS), chat.generate(TURNS)]);
    expect(results.map((r) => r.text)).toEqual(['Tudo bem, e você?', 'Tudo bem, e você?']);
    expect(engine.maxActive).toBe(1);
  });

  it('turns engine failures into engine errors, a lost device included', async () => {
    const failed = await engineErrorOf(
      createWebLlmChat(
        new FakeMlcEngine(TOKENS, new Error('tokenizer blew up')),
        f16Entry,
      ).generate(TURNS),
    );
    expect(failed.reason).toBe('generate-failed');
    expect(failed.message).toMatch(/tokenizer blew up/);
    const lost = new Error('Device was lost. This can happen due to insufficient memory.');
    lost.name = 'DeviceLostError';
    const lostError = await engineErrorOf(
      createWebLlmChat(new FakeMlcEngine(TOKENS, lost), f16Entry).generate(TURNS),
    );
    expect(lostError.reason).toBe('device-lost');
  });

  it('unloads the engine on dispose, once, and refuses calls after', async () => {
    const engine = new FakeMlcEngine(TOKENS);
    const chat = createWebLlmChat(engine, f16Entry);
    await chat.dispose();
    await chat.dispose();
    expect(engine.unloads).toBe(1);
    expect((await engineErrorOf(chat.generate(TURNS))).reason).toBe('disposed');
  });
});

describe('webLlmAppConfigFor', () => {
  it('builds one model record from a catalog entry', () => {
    expect(webLlmEntries.length).toBeGreaterThan(0);
    const build = f16Entry.webllm;
    expect(webLlmAppConfigFor(f16Entry)).toEqual({
      model_list: [
        {
          model: 'https://huggingface.co/mlc-ai/Llama-3.2-1B-Instruct-q4f16_1-MLC/resolve/main/',
          model_id: 'Llama-3.2-1B-Instruct-q4f16_1-MLC',
          model_lib: `${WEBLLM_MODEL_LIB_PREFIX}${build?.libVersion}/${build?.modelLib}`,
          low_resource_required: true,
          required_features: ['shader-f16'],
          vram_required_MB: f16Entry.needs.gpuMemoryMB,
          overrides: { context_window_size: 4096 },
        },
      ],
    });
    expect(webLlmAppConfigFor(f32Entry).model_list[0]?.required_features).toEqual([]);
  });

  it("names every web-llm entry by a model_id web-llm's own prebuilt list knows", () => {
    const known = new Map(prebuiltAppConfig.model_list.map((m) => [m.model_id, m]));
    for (const entry of webLlmEntries) {
      const [record] = webLlmAppConfigFor(entry).model_list;
      const prebuilt = known.get(record?.model_id ?? '');
      expect(prebuilt, entry.id).toBeDefined();
      // web-llm appends resolve/main/ to a bare repo URL; ours says it already.
      expect(record?.model).toBe(`${prebuilt?.model}/resolve/main/`);
      // Compiled libraries belong to one web-llm runtime version: the row must name the
      // library that the installed web-llm itself would load, with its memory and features.
      expect(record?.model_lib, entry.id).toBe(prebuilt?.model_lib);
      expect(record?.vram_required_MB, entry.id).toBe(Math.ceil(prebuilt?.vram_required_MB ?? 0));
      expect(record?.low_resource_required, entry.id).toBe(prebuilt?.low_resource_required);
      expect(record?.overrides?.context_window_size, entry.id).toBe(
        prebuilt?.overrides?.context_window_size,
      );
    }
  });

  it('substitutes a relay for the hub, and a mirror for the model libraries', () => {
    for (const base of ['http://127.0.0.1:8787/models', 'http://127.0.0.1:8787/models/']) {
      const [record] = webLlmAppConfigFor(f32Entry, {
        modelBaseUrl: base,
        modelLibBaseUrl: 'http://127.0.0.1:8787/libs',
      }).model_list;
      expect(record?.model).toBe(
        'http://127.0.0.1:8787/models/mlc-ai/Llama-3.2-1B-Instruct-q4f32_1-MLC/resolve/main/',
      );
      expect(record?.model_lib).toBe(
        `http://127.0.0.1:8787/libs/${f32Entry.webllm?.libVersion}/${f32Entry.webllm?.modelLib}`,
      );
    }
  });

  it('refuses an entry that is not a web-llm build', () => {
    expect(() => webLlmAppConfigFor(getModel('omnia-fixture-causal-lm'))).toThrow(EngineError);
  });
});

describe('loadWebLlmChat', () => {
  const withF16 = (): Promise<{ shaderF16: boolean }> => Promise.resolve({ shaderF16: true });
  const withoutF16 = (): Promise<{ shaderF16: boolean }> => Promise.resolve({ shaderF16: false });
  const files = { open: () => Promise.resolve(null) };

  it('creates the engine with the entry’s AppConfig and reports progress in bytes', async () => {
    const engine = new FakeMlcEngine(['ok']);
    const calls: { modelId: string; config: MLCEngineConfig }[] = [];
    const progress: { loaded: number; total: number }[] = [];
    const chat = await loadWebLlmChat(
      { entry: f16Entry, files, device: 'auto', onProgress: (p) => progress.push(p) },
      {
        probe: withF16,
        modelBaseUrl: 'http://127.0.0.1:8787',
        createEngine: (modelId, config) => {
          calls.push({ modelId, config });
          config.initProgressCallback?.({ progress: 0.5, timeElapsed: 1, text: 'Fetching' });
          return Promise.resolve(engine);
        },
      },
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]?.modelId).toBe(f16Entry.webllm?.modelId);
    expect(calls[0]?.config.appConfig).toEqual(
      webLlmAppConfigFor(f16Entry, { modelBaseUrl: 'http://127.0.0.1:8787' }),
    );
    expect(progress).toEqual([
      { loaded: Math.round(f16Entry.totalBytes / 2), total: f16Entry.totalBytes },
    ]);
    expect((await chat.generate([{ role: 'user', content: 'hi' }])).text).toBe('ok');
    expect(chat.device).toBe('webgpu');
  });

  it('uses a given appConfigFor', async () => {
    const appConfig = { model_list: [] };
    let seen: unknown;
    await loadWebLlmChat(
      { entry: f16Entry, files, device: 'webgpu' },
      {
        probe: withF16,
        appConfigFor: () => appConfig,
        createEngine: (_id, config) => {
          seen = config.appConfig;
          return Promise.resolve(new FakeMlcEngine([]));
        },
      },
    );
    expect(seen).toBe(appConfig);
  });

  it("fails with 'no-webgpu' without an adapter, or without shader-f16 for a q4f16 build", async () => {
    const createEngine = vi.fn(() => Promise.resolve(new FakeMlcEngine([])));
    const none = await engineErrorOf(
      loadWebLlmChat(
        { entry: f16Entry, files, device: 'auto' },
        { probe: () => Promise.resolve(null), createEngine },
      ),
    );
    expect(none.reason).toBe('no-webgpu');
    const noF16 = await engineErrorOf(
      loadWebLlmChat(
        { entry: f16Entry, files, device: 'webgpu' },
        { probe: withoutF16, createEngine },
      ),
    );
    expect(noF16.reason).toBe('no-webgpu');
    expect(noF16.message).toMatch(/shader-f16/);
    expect(createEngine).not.toHaveBeenCalled();
    // The f32 build needs no shader-f16.
    await loadWebLlmChat(
      { entry: f32Entry, files, device: 'webgpu' },
      { probe: withoutF16, createEngine },
    );
    expect(createEngine).toHaveBeenCalledTimes(1);
  });

  it('refuses the CPU and models of other engines', async () => {
    const cpu = await engineErrorOf(
      loadWebLlmChat({ entry: f16Entry, files, device: 'wasm' }, { probe: withF16 }),
    );
    expect(cpu.reason).toBe('unsupported');
    const other = await engineErrorOf(
      loadWebLlmChat({ entry: getModel('omnia-fixture-causal-lm'), files, device: 'webgpu' }),
    );
    expect(other.reason).toBe('unsupported');
  });

  it('classifies load failures, and unloads an engine whose load was cancelled', async () => {
    const lost = await engineErrorOf(
      loadWebLlmChat(
        { entry: f16Entry, files, device: 'webgpu' },
        { probe: withF16, createEngine: () => Promise.reject(new Error('GPUDevice was lost')) },
      ),
    );
    expect(lost.reason).toBe('device-lost');

    const engine = new FakeMlcEngine([]);
    const controller = new AbortController();
    const aborted = await engineErrorOf(
      loadWebLlmChat(
        { entry: f16Entry, files, device: 'webgpu', signal: controller.signal },
        {
          probe: withF16,
          createEngine: () => {
            controller.abort();
            return Promise.resolve(engine);
          },
        },
      ),
    );
    expect(aborted.reason).toBe('aborted');
    expect(engine.unloads).toBe(1);
  });
});
