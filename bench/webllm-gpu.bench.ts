/**
 * web-llm on a real GPU: app streaming tokens/s ÷ bare web-llm in the same page, web-llm's own
 * prefill and decode tokens/s, and load time from our store ÷ web-llm loading the same files
 * from its default cache. It needs what this project's machines lack — a GPU adapter (not
 * SwiftShader) and a real web-llm model with its compiled library in a relay folder — so it
 * checks both first and, when either is missing, says which and exits 0, writing that to
 * bench/results/webllm-gpu.json. On a machine with both:
 *
 *   OMNIA_WEBLLM_MODELS_DIR=/models OMNIA_WEBLLM_MODEL=qwen2.5-1.5b-instruct-q4f16-mlc \
 *     npm run bench -- webllm-gpu
 *
 * where /models holds `mlc-ai/<Model>-MLC/…` (mlc-chat-config.json, tokenizer files,
 * tensor-cache.json, params_shard_*.bin) and
 * `mlc-ai/binary-mlc-llm-libs/web-llm-models/v0_2_86/base/<library>.wasm` (README, Models).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getModel } from '../src/models/catalog.ts';
import { startRelay } from '../src/relay/start.ts';
import { launchBrowser } from '../tests/e2e/browser.ts';
import { openRecordingPage, withPageErrors } from './bench-page.ts';
import { BENCH_DIST, buildBenchPages } from './build-pages.ts';
import { median } from './stats.ts';
import type { GpuProbe, StreamFigures, WebLlmGpuResult } from './pages/webllm-gpu-bench.ts';

const RESULTS = 'bench/results/webllm-gpu.json';
const MODELS_DIR = process.env['OMNIA_WEBLLM_MODELS_DIR'] ?? '';
const MODEL_ID = process.env['OMNIA_WEBLLM_MODEL'] ?? 'qwen2.5-1.5b-instruct-q4f16-mlc';
const ROUNDS = Number(process.env['OMNIA_WEBLLM_ROUNDS'] ?? 5);
const MAX_TOKENS = Number(process.env['OMNIA_WEBLLM_MAX_TOKENS'] ?? 128);
/** Chromium flags for a real GPU in headless mode (Vulkan on Linux), beside --enable-unsafe-webgpu. */
const GPU_FLAGS = ['--enable-features=Vulkan', '--use-angle=vulkan', '--ignore-gpu-blocklist'];

function write(result: Record<string, unknown>): void {
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify({ bench: 'webllm-gpu', ...result }, null, 2)}\n`);
}

function skip(reason: string, extra: Record<string, unknown> = {}): void {
  console.log(`  SKIPPED: ${reason}`);
  console.log(
    '  Nothing was measured; this is not a result. See the header of bench/webllm-gpu.bench.ts.',
  );
  write({ status: 'skipped', reason, modelId: MODEL_ID, ...extra });
}

/** Why the model folder cannot serve the model, or null when it can. */
function missingModel(): string | null {
  if (MODELS_DIR === '')
    return 'OMNIA_WEBLLM_MODELS_DIR is not set (a relay folder with a web-llm model).';
  const entry = getModel(MODEL_ID);
  if (entry.engine !== 'web-llm' || !entry.webllm) return `${MODEL_ID} is not a web-llm model.`;
  const needed = [
    join(MODELS_DIR, entry.repo, 'mlc-chat-config.json'),
    join(MODELS_DIR, entry.repo, 'tensor-cache.json'),
    join(MODELS_DIR, entry.webllm.libRepo, entry.webllm.libPath),
  ];
  const absent = needed.filter((path) => !existsSync(path));
  return absent.length > 0 ? `missing in the models folder: ${absent.join(', ')}` : null;
}

function summary(runs: readonly StreamFigures[]) {
  const pick = (f: (r: StreamFigures) => number | null): number =>
    median(runs.map(f).filter((v): v is number => v !== null && Number.isFinite(v)));
  return {
    tokensPerSecond: pick((r) => r.tokensPerSecond),
    firstTokenMs: pick((r) => r.firstTokenMs),
    prefillTokensPerSecond: pick((r) => r.prefillTokensPerSecond),
    decodeTokensPerSecond: pick((r) => r.decodeTokensPerSecond),
  };
}

function report(probe: GpuProbe, result: WebLlmGpuResult): void {
  const app = summary(result.app);
  const bare = summary(result.bare);
  const f = (v: number): string => v.toFixed(1);
  console.log(
    `  ${result.modelId} on ${probe.description} (shader-f16 ${probe.shaderF16}), ${ROUNDS} rounds`,
  );
  console.log(`  install from the relay into web-llm's store: ${f(result.installMs)} ms`);
  console.log(
    `  app tokens/s ${f(app.tokensPerSecond)} vs bare web-llm ${f(bare.tokensPerSecond)}: ratio ${(app.tokensPerSecond / bare.tokensPerSecond).toFixed(3)}`,
  );
  console.log(
    `  web-llm usage: prefill ${f(app.prefillTokensPerSecond)} tok/s, decode ${f(app.decodeTokensPerSecond)} tok/s (bare: ${f(bare.prefillTokensPerSecond)} / ${f(bare.decodeTokensPerSecond)})`,
  );
  console.log(
    `  time to first token: app ${f(app.firstTokenMs)} ms, bare ${f(bare.firstTokenMs)} ms`,
  );
  console.log(
    `  load: app from our store ${f(result.appLoadMs)} ms, bare from our store ${f(result.bareLoadOurStoreMs)} ms, bare from its default cache ${f(result.bareLoadDefaultCacheMs)} ms: ratio ${(result.appLoadMs / result.bareLoadDefaultCacheMs).toFixed(3)}`,
  );
  write({
    status: 'measured',
    device: probe.description,
    rounds: ROUNDS,
    maxTokens: MAX_TOKENS,
    app,
    bare,
    streamRatio: app.tokensPerSecond / bare.tokensPerSecond,
    loadMs: {
      appFromOurStore: result.appLoadMs,
      bareFromOurStore: result.bareLoadOurStoreMs,
      bareFromDefaultCache: result.bareLoadDefaultCacheMs,
    },
    loadRatio: result.appLoadMs / result.bareLoadDefaultCacheMs,
    raw: result,
  });
}

export async function webLlmGpuBench(): Promise<void> {
  const absent = missingModel();
  const browser = await launchBrowser({ extraArgs: GPU_FLAGS });
  try {
    const context = await browser.newContext();
    const { page, errors } = await openRecordingPage(context);
    await buildBenchPages();
    const relay = await startRelay({
      dist: BENCH_DIST,
      port: 0,
      models: { dir: MODELS_DIR === '' ? [] : [MODELS_DIR], upstreams: [] },
    });
    try {
      await page.goto(`${relay.url}webllm-gpu.html`);
      await page.waitForSelector('html[data-ready="true"]');
      const probe = await page.evaluate(() => window.webllmGpuBench.probe());
      const reasons = [
        !probe.adapter ? 'no WebGPU adapter in this browser: no GPU here' : null,
        probe.fallback ? `only a software adapter (${probe.description}): no GPU here` : null,
        absent,
      ].filter((r): r is string => r !== null);
      if (reasons.length > 0) return skip(reasons.join('; '), { probe });
      const result = await page
        .evaluate((options) => window.webllmGpuBench.run(options), {
          modelId: MODEL_ID,
          relayUrl: relay.url,
          rounds: ROUNDS,
          maxTokens: MAX_TOKENS,
        })
        .catch((error: unknown) => {
          throw withPageErrors('webllm-gpu', error, errors);
        });
      report(probe, result);
    } finally {
      await relay.close();
      await context.close();
    }
  } finally {
    await browser.close();
  }
}
