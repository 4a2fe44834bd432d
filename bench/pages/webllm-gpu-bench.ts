/**
 * Runs in the browser on a real GPU: a web-llm model installed from the relay by the app's
 * download manager into web-llm's own store (one copy), then, interleaved, in this page:
 * - app:  the app's inference worker (routing, residency, comlink token batches) streaming an
 *         answer, with web-llm's usage report (prefill and decode tokens/s);
 * - bare: web-llm's MLCEngine on this page's main thread, reading the same store, streaming the
 *         same prompt;
 * and load times: the app's load from our store, bare web-llm from our store, and bare web-llm
 * from its DEFAULT cache (filled from the relay under the relay's URLs; removed afterwards).
 * bench/webllm-gpu.bench.ts drives it and says when it cannot run (no GPU or no model).
 */
import { MLCEngine, deleteModelAllInfoInCache, type AppConfig } from '@mlc-ai/web-llm';
import { getModel } from '../../src/models/catalog';
import { parseRelayUrl } from '../../src/models/download/source-urls';
import { webLlmAppConfigFor } from '../../src/models/engines/webllm/webllm-config';
import { createInferenceClient } from '../../src/workers/inference-client';
import { modelManager } from '../../src/workers/model-store';

export interface GpuProbe {
  adapter: boolean;
  fallback: boolean;
  description: string;
  shaderF16: boolean;
}

export interface StreamFigures {
  tokens: number;
  firstTokenMs: number;
  streamMs: number;
  tokensPerSecond: number;
  prefillTokensPerSecond: number | null;
  decodeTokensPerSecond: number | null;
}

export interface WebLlmGpuResult {
  modelId: string;
  installMs: number;
  appLoadMs: number;
  bareLoadOurStoreMs: number;
  bareLoadDefaultCacheMs: number;
  app: StreamFigures[];
  bare: StreamFigures[];
}

const PROMPT =
  'Explain in three sentences why running a language model on your own device helps privacy.';

async function probe(): Promise<GpuProbe> {
  const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
  const adapter = await gpu?.requestAdapter();
  if (!adapter) return { adapter: false, fallback: false, description: '', shaderF16: false };
  const info = adapter.info;
  const fallback =
    (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter === true ||
    info.architecture === 'swiftshader';
  return {
    adapter: true,
    fallback,
    description: `${info.vendor} ${info.architecture} ${info.description}`.trim(),
    shaderF16: adapter.features.has('shader-f16'),
  };
}

function figures(
  tokens: number,
  firstTokenMs: number,
  endMs: number,
  usage?: { prefill?: number; decode?: number },
): StreamFigures {
  const streamMs = endMs - firstTokenMs;
  return {
    tokens,
    firstTokenMs,
    streamMs,
    tokensPerSecond: tokens > 1 && streamMs > 0 ? ((tokens - 1) * 1000) / streamMs : Number.NaN,
    prefillTokensPerSecond: usage?.prefill ?? null,
    decodeTokensPerSecond: usage?.decode ?? null,
  };
}

async function bareStream(engine: MLCEngine, maxTokens: number): Promise<StreamFigures> {
  const started = performance.now();
  let first = Number.NaN;
  let tokens = 0;
  let usage: { prefill?: number; decode?: number } = {};
  const stream = await engine.chat.completions.create({
    messages: [{ role: 'user', content: PROMPT }],
    stream: true,
    stream_options: { include_usage: true },
    temperature: 0,
    max_tokens: maxTokens,
  });
  for await (const chunk of stream) {
    if (chunk.choices.some((c) => c.delta.content)) {
      if (Number.isNaN(first)) first = performance.now() - started;
      tokens += 1;
    }
    if (chunk.usage) {
      usage = {
        prefill: chunk.usage.extra.prefill_tokens_per_s,
        decode: chunk.usage.extra.decode_tokens_per_s,
      };
    }
  }
  return figures(tokens, first, performance.now() - started, usage);
}

async function timed(load: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await load();
  return performance.now() - started;
}

async function run(options: {
  modelId: string;
  relayUrl: string;
  rounds: number;
  maxTokens: number;
}): Promise<WebLlmGpuResult> {
  const entry = getModel(options.modelId);
  const source = parseRelayUrl(options.relayUrl);
  const installStarted = performance.now();
  await modelManager().install(entry, source);
  const installMs = performance.now() - installStarted;

  const app = createInferenceClient();
  const appLoadMs = await timed(() => app.load(entry.id, 'webgpu'));
  const ourConfig = webLlmAppConfigFor(entry);
  const build = entry.webllm!;
  const bare = new MLCEngine({ appConfig: ourConfig, logLevel: 'WARN' });
  await app.unload(); // one model on the GPU at a time, as in the app
  const bareLoadOurStoreMs = await timed(() => bare.reload(build.modelId));

  const result: WebLlmGpuResult = {
    modelId: entry.id,
    installMs,
    appLoadMs,
    bareLoadOurStoreMs,
    bareLoadDefaultCacheMs: Number.NaN,
    app: [],
    bare: [],
  };
  for (let round = 0; round < options.rounds; round++) {
    result.bare.push(await bareStream(bare, options.maxTokens));
  }
  await bare.unload();
  await app.load(entry.id, 'webgpu');
  for (let round = 0; round < options.rounds; round++) {
    const started = performance.now();
    let first = Number.NaN;
    let tokens = 0;
    const reply = await app.generate(
      entry.id,
      { turns: [{ role: 'user', content: PROMPT }], maxNewTokens: options.maxTokens },
      {
        onToken: () => {
          if (Number.isNaN(first)) first = performance.now() - started;
          tokens += 1;
        },
      },
    );
    result.app.push(
      figures(tokens, first, performance.now() - started, {
        ...(reply.timings.prefillTokensPerSecond !== null
          ? { prefill: reply.timings.prefillTokensPerSecond }
          : {}),
        ...(reply.timings.tokensPerSecond !== null
          ? { decode: reply.timings.tokensPerSecond }
          : {}),
      }),
    );
  }
  await app.unload();

  // web-llm's default cache, filled from the relay under the relay's URLs (a second copy,
  // made only for this comparison and deleted below): first load fills it, the second is timed.
  const folder = `${source.baseUrl}/${entry.repo}/resolve/${entry.revision}/`;
  const record = ourConfig.model_list[0]!;
  const relayConfig: AppConfig = {
    model_list: [
      {
        ...record,
        model: folder,
        model_lib: `${source.baseUrl}/${build.libRepo}/resolve/${build.libRevision}/${build.libPath}`,
      },
    ],
  };
  const own = new MLCEngine({ appConfig: relayConfig, logLevel: 'WARN' });
  await own.reload(build.modelId);
  await own.unload();
  result.bareLoadDefaultCacheMs = await timed(() => own.reload(build.modelId));
  await own.unload();
  await deleteModelAllInfoInCache(build.modelId, relayConfig);
  return result;
}

declare global {
  interface Window {
    webllmGpuBench: { probe: typeof probe; run: typeof run };
  }
}

window.webllmGpuBench = { probe, run };
document.documentElement.dataset['ready'] = 'true';
