// Loading a web-llm model from the verified store: the AppConfig names the canonical URLs our
// store keys files by (web-llm's own prebuilt URLs), every file web-llm will read is checked
// through the verified-files gate first, a missing one is an EngineError naming it, progress
// carries the stages, and tokens are counted with the model's own tokenizer.json. The engine is
// the STAND-IN of stand-in-mlc-engine.ts (web-llm cannot run here); the files are the real
// web-llm-layout fixture on disk.
import { readFile } from 'node:fs/promises';
import { AutoTokenizer } from '@huggingface/transformers';
import { prebuiltAppConfig, type MLCEngineConfig } from '@mlc-ai/web-llm';
import { describe, expect, it, vi } from 'vitest';
import { getModel, listModels } from '../../../../src/models/catalog';
import { EngineError } from '../../../../src/models/engines/errors';
import type { EngineLoadProgress } from '../../../../src/models/engines/types';
import { webLlmAppConfigFor } from '../../../../src/models/engines/webllm/webllm-config';
import { loadWebLlmChat } from '../../../../src/models/engines/webllm/webllm-load';
import {
  PROMPT_MARGIN_TOKENS,
  renderConvPrompt,
  TURN_MARGIN_TOKENS,
  type ConvTemplate,
} from '../../../../src/models/engines/webllm/webllm-tokens';
import { engineErrorOf, MODELS_DIR, webLlmFixtureSource } from './fixture-files';
import { StandInMlcEngine } from './stand-in-mlc-engine';

const FIXTURE = getModel('omnia-fixture-webllm');
const webLlmEntries = listModels({ task: 'chat' }).filter((e) => e.engine === 'web-llm');
const f16Entry = getModel('llama-3.2-1b-instruct-q4f16-mlc');
const f32Entry = getModel('llama-3.2-1b-instruct-q4f32-mlc');
const withF16 = (): Promise<{ shaderF16: boolean }> => Promise.resolve({ shaderF16: true });
const withoutF16 = (): Promise<{ shaderF16: boolean }> => Promise.resolve({ shaderF16: false });
const inCache = (): Promise<boolean> => Promise.resolve(true);

/** The fixture's files from disk, as the verified store hands them; `omit` plays a lost file. */
const fixtureFiles = (omit: readonly string[] = []) => webLlmFixtureSource(FIXTURE, omit);

describe('webLlmAppConfigFor', () => {
  it("names every real entry by web-llm's own prebuilt record: URL, library, memory", () => {
    const known = new Map(prebuiltAppConfig.model_list.map((m) => [m.model_id, m]));
    const real = webLlmEntries.filter((e) => !e.fixture);
    expect(real.length).toBeGreaterThanOrEqual(7);
    for (const entry of real) {
      const config = webLlmAppConfigFor(entry);
      expect(config.cacheBackend).toBe('cache');
      const [record] = config.model_list;
      const prebuilt = known.get(record?.model_id ?? '');
      expect(prebuilt, entry.id).toBeDefined();
      // The same keys web-llm's default config uses: an install is found by either.
      expect(record?.model).toBe(`${prebuilt?.model}/resolve/main/`);
      expect(record?.model_lib, entry.id).toBe(prebuilt?.model_lib);
      expect(record?.vram_required_MB, entry.id).toBe(Math.ceil(prebuilt?.vram_required_MB ?? 0));
      expect(record?.low_resource_required, entry.id).toBe(prebuilt?.low_resource_required);
      expect(record?.overrides?.context_window_size, entry.id).toBe(
        prebuilt?.overrides?.context_window_size,
      );
    }
    expect(webLlmAppConfigFor(f16Entry).model_list[0]?.required_features).toEqual(['shader-f16']);
    expect(webLlmAppConfigFor(f32Entry).model_list[0]?.required_features).toEqual([]);
  });

  it('refuses an entry that is not a web-llm build', () => {
    expect(() => webLlmAppConfigFor(getModel('omnia-fixture-causal-lm'))).toThrow(EngineError);
  });
});

describe('loadWebLlmChat', () => {
  it('checks every file web-llm reads, then creates the engine with the canonical AppConfig', async () => {
    const files = fixtureFiles();
    const calls: { modelId: string; config: MLCEngineConfig }[] = [];
    const progress: EngineLoadProgress[] = [];
    const chat = await loadWebLlmChat(
      { entry: FIXTURE, files, device: 'auto', onProgress: (p) => progress.push(p) },
      {
        probe: withoutF16,
        hasModelInCache: inCache,
        createEngine: (modelId, config) => {
          calls.push({ modelId, config });
          for (const [fraction, text] of [
            [0.5, 'Loading model from cache[1/2]: 1MB loaded.'],
            [1, 'Loading model from cache[2/2]: 2MB loaded.'],
          ] as const) {
            config.initProgressCallback?.({ progress: fraction, timeElapsed: 1, text });
          }
          return Promise.resolve(new StandInMlcEngine(['ok']));
        },
      },
    );
    expect(new Set(files.opened)).toEqual(
      new Set([
        'tensor-cache.json',
        'mlc-chat-config.json',
        'tokenizer.json',
        'tokenizer_config.json',
        FIXTURE.webllm?.libPath,
        'params_shard_0.bin',
        'params_shard_1.bin',
      ]),
    );
    expect(calls[0]?.modelId).toBe(FIXTURE.webllm?.modelId);
    expect(calls[0]?.config.appConfig).toEqual(webLlmAppConfigFor(FIXTURE));
    expect(progress.map((p) => p.stage)).toEqual(['checking', 'reading', 'reading', 'compiling']);
    expect((await chat.generate([{ role: 'user', content: 'hi' }])).text).toBe('ok');
    expect(chat.device).toBe('webgpu');
  });

  it("names a missing file as 'missing-file' and never starts web-llm", async () => {
    const createEngine = vi.fn(() => Promise.resolve(new StandInMlcEngine([])));
    for (const lost of ['params_shard_1.bin', FIXTURE.webllm?.libPath ?? '', 'tensor-cache.json']) {
      const error = await engineErrorOf(
        loadWebLlmChat(
          { entry: FIXTURE, files: fixtureFiles([lost]), device: 'webgpu' },
          { probe: withF16, hasModelInCache: inCache, createEngine },
        ),
      );
      expect(error.reason, lost).toBe('missing-file');
      expect(error.path, lost).toBe(lost);
      expect(error.message).toMatch(/Repair or install the model again/);
    }
    // web-llm's own check disagreeing is a missing file too.
    const webllmSaysNo = await engineErrorOf(
      loadWebLlmChat(
        { entry: FIXTURE, files: fixtureFiles(), device: 'webgpu' },
        { probe: withF16, hasModelInCache: () => Promise.resolve(false), createEngine },
      ),
    );
    expect(webllmSaysNo.reason).toBe('missing-file');
    expect(createEngine).not.toHaveBeenCalled();
  });

  it("fails with 'no-webgpu' without an adapter, or without shader-f16 for a q4f16 build", async () => {
    const createEngine = vi.fn(() => Promise.resolve(new StandInMlcEngine([])));
    const files = fixtureFiles();
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
  });

  it('refuses the CPU and models of other engines', async () => {
    const files = fixtureFiles();
    const cpu = await engineErrorOf(
      loadWebLlmChat({ entry: FIXTURE, files, device: 'wasm' }, { probe: withF16 }),
    );
    expect(cpu.reason).toBe('unsupported');
    const other = await engineErrorOf(
      loadWebLlmChat({ entry: getModel('omnia-fixture-causal-lm'), files, device: 'webgpu' }),
    );
    expect(other.reason).toBe('unsupported');
  });

  it('classifies load failures, and unloads an engine whose load was cancelled', async () => {
    const base = { probe: withF16, hasModelInCache: inCache, tokenCounter: null };
    const lost = await engineErrorOf(
      loadWebLlmChat(
        { entry: FIXTURE, files: fixtureFiles(), device: 'webgpu' },
        { ...base, createEngine: () => Promise.reject(new Error('GPUDevice was lost')) },
      ),
    );
    expect(lost.reason).toBe('device-lost');
    const engine = new StandInMlcEngine([]);
    const controller = new AbortController();
    const aborted = await engineErrorOf(
      loadWebLlmChat(
        { entry: FIXTURE, files: fixtureFiles(), device: 'webgpu', signal: controller.signal },
        {
          ...base,
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

describe("token counts from the model's own tokenizer.json and conv_template", () => {
  it('counts texts exactly and prompts with a bounded, never-negative margin', async () => {
    const chat = await loadWebLlmChat(
      { entry: FIXTURE, files: fixtureFiles(), device: 'webgpu' },
      {
        probe: withF16,
        hasModelInCache: inCache,
        createEngine: () => Promise.resolve(new StandInMlcEngine([])),
      },
    );
    const tokens = chat.tokens;
    expect(tokens).not.toBeNull();
    // Independently: transformers.js's tokenizer over the same tokenizer.json on disk.
    const reference = await AutoTokenizer.from_pretrained(`${MODELS_DIR}${FIXTURE.repo}`, {
      local_files_only: true,
    });
    const texts = ['Olá, tudo bem?', 'The quick brown fox.', ''];
    expect(await tokens?.countEach(texts)).toEqual(
      texts.map((t) => reference.encode(t, { add_special_tokens: false }).length),
    );
    const config = JSON.parse(
      await readFile(`${MODELS_DIR}${FIXTURE.repo}/mlc-chat-config.json`, 'utf8'),
    ) as { conv_template: ConvTemplate };
    const turns = [
      { role: 'system' as const, content: 'Be brief.' },
      { role: 'user' as const, content: 'Oi! Como vai?' },
      { role: 'assistant' as const, content: 'Bem.' },
      { role: 'user' as const, content: 'E o tempo hoje?' },
    ];
    const rendered = renderConvPrompt(config.conv_template, turns);
    expect(rendered).toBe(
      '<|system|>\nBe brief.<|end|>\n<|user|>\nOi! Como vai?<|end|>\n<|assistant|>\nBem.<|end|>\n' +
        '<|user|>\nE o tempo hoje?<|end|>\n<|assistant|>\n',
    );
    const exact = reference.encode(rendered, { add_special_tokens: false }).length;
    const counted = (await tokens?.countPrompt(turns)) ?? 0;
    expect(counted).toBeGreaterThanOrEqual(exact);
    expect(counted - exact).toBe(turns.length * TURN_MARGIN_TOKENS + PROMPT_MARGIN_TOKENS);
  });
});
