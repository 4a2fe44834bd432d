/**
 * Runs in the browser: the app's path and bare transformers.js loading the same fixture, in
 * this page, interleaved. `app` installs the fixture from the relay into the download
 * manager's verified cache (OPFS) and loads it through the app's transformers.js adapters;
 * `bare` loads the same files with plain transformers.js from the relay's /models/, with the
 * library's own Cache API cache. The two need opposite settings of transformers.js's global
 * `env`: the app's loader applies its own on every load, and the bare path restores the
 * library's defaults (saved before the app touched them) before each of its loads.
 * Each timed run is load + one small inference; dispose follows, outside the timing.
 * bench/model-load.bench.ts drives it.
 */
import { env, pipeline, type Message, type Tensor } from '@huggingface/transformers';
import { getModel } from '../../src/models/catalog';
import type { CatalogEntry } from '../../src/models/catalog-types';
import { createOpfsByteStore } from '../../src/models/cache/opfs-byte-store';
import { createDownloadManager } from '../../src/models/download/download-manager';
import { MemoryInstallStore } from '../../src/models/download/memory-stores';
import { parseRelayUrl } from '../../src/models/download/source-urls';
import type { ModelFileSource } from '../../src/models/engines/types';
import { loadTransformersChat } from '../../src/models/engines/transformers/transformers-chat';
import { loadTransformersEmbedder } from '../../src/models/engines/transformers/transformers-embedder';
import { configureTransformers } from '../../src/models/engines/transformers/transformers-env';

export interface ModelLoadResult {
  modelId: string;
  /** The one-off install from the relay into OPFS, and the bytes it stored. */
  installMs: number;
  installBytes: number;
  /** Bare's first load, which downloads from the relay into its Cache API (ORT already up). */
  bareFirstMs: number;
  /** Load + first inference per timed run, and the load alone (pipeline ready). */
  appMs: number[];
  bareMs: number[];
  appLoadOnlyMs: number[];
  bareLoadOnlyMs: number[];
  /** What the inference gave (embedding prefix or generated text), per path. */
  appOutput: string;
  bareOutput: string;
}

/** The `env` fields transformers-env.ts sets, as the library defaults them. */
const ENV_FIELDS = [
  'allowRemoteModels',
  'allowLocalModels',
  'localModelPath',
  'remoteHost',
  'remotePathTemplate',
  'useBrowserCache',
  'useFSCache',
  'experimental_useCrossOriginStorage',
  'useCustomCache',
  'customCache',
  'useWasmCache',
  'fetch',
] as const;
type EnvDefaults = Pick<typeof env, (typeof ENV_FIELDS)[number]>;
const ENV_DEFAULTS = Object.fromEntries(ENV_FIELDS.map((k) => [k, env[k]])) as EnvDefaults;

const SENTENCE = 'Omnia keeps every model on this device.';
const PROMPT = 'Hello, who are you?';
const NEW_TOKENS = 8;
const ORT_URL = new URL('./ort/', location.href).href;

/** One load + inference; `loaded` is performance.now() when the load alone was done. */
type Once = () => Promise<{ output: string; loaded: number; dispose: () => Promise<unknown> }>;

function embeddingText(values: ArrayLike<number>): string {
  return Array.from(values)
    .slice(0, 4)
    .map((v) => v.toFixed(4))
    .join(',');
}

function appOnce(entry: CatalogEntry, files: ModelFileSource): Once {
  if (entry.task === 'embedding') {
    return async () => {
      const embedder = await loadTransformersEmbedder({ entry, files, device: 'wasm' });
      const loaded = performance.now();
      const [vector] = await embedder.embed([SENTENCE]);
      return { output: embeddingText(vector ?? []), loaded, dispose: () => embedder.dispose() };
    };
  }
  return async () => {
    const chat = await loadTransformersChat({ entry, files, device: 'wasm' });
    const loaded = performance.now();
    const result = await chat.generate([{ role: 'user', content: PROMPT }], {
      maxNewTokens: NEW_TOKENS,
      temperature: 0,
    });
    return { output: result.text, loaded, dispose: () => chat.dispose() };
  };
}

/** The same model with transformers.js alone, as a developer would point it at a mirror. */
function bareOnce(entry: CatalogEntry): Once {
  const options = { device: 'wasm', dtype: 'q8', revision: entry.revision } as const;
  if (entry.task === 'embedding') {
    return async () => {
      const extractor = await pipeline('feature-extraction', entry.repo, options);
      const loaded = performance.now();
      const tensor: Tensor = await extractor([SENTENCE], { pooling: 'mean', normalize: true });
      const data = tensor.data as ArrayLike<number>;
      return { output: embeddingText(data), loaded, dispose: () => extractor.dispose() };
    };
  }
  return async () => {
    const generator = await pipeline('text-generation', entry.repo, options);
    const loaded = performance.now();
    const messages: Message[] = [{ role: 'user', content: PROMPT }];
    const out = await generator(messages, { max_new_tokens: NEW_TOKENS, do_sample: false });
    const first = (Array.isArray(out[0]) ? out[0][0] : out[0]) as
      { generated_text: string | Message[] } | undefined;
    const generated = first?.generated_text;
    const reply = typeof generated === 'string' ? generated : generated?.at(-1)?.content;
    const text = typeof reply === 'string' ? reply : JSON.stringify(reply ?? '');
    return { output: text, loaded, dispose: () => generator.dispose() };
  };
}

/** The library's defaults, pointed at the relay as a mirror of the hub. */
function configureBare(): void {
  Object.assign(env, ENV_DEFAULTS);
  env.allowLocalModels = false;
  env.remoteHost = parseRelayUrl(location.origin).baseUrl + '/';
  env.remotePathTemplate = '{model}/resolve/{revision}/';
}

async function timedRun(once: Once): Promise<{ ms: number; loadOnlyMs: number; output: string }> {
  const start = performance.now();
  const { output, loaded, dispose } = await once();
  const ms = performance.now() - start;
  await dispose();
  return { ms, loadOnlyMs: loaded - start, output };
}

type Run = Awaited<ReturnType<typeof timedRun>>;

async function runModelLoadBench(modelId: string, repeats: number): Promise<ModelLoadResult> {
  const entry = getModel(modelId);
  // Same onnxruntime files for both paths (the bare path keeps the setting).
  configureTransformers({ wasmPaths: ORT_URL });
  const manager = createDownloadManager({
    bytes: createOpfsByteStore(),
    installs: new MemoryInstallStore(),
    fetch: (input, init) => fetch(input, init),
    locks: navigator.locks,
  });
  const start = performance.now();
  const record = await manager.install(entry, parseRelayUrl(location.origin));
  const installMs = performance.now() - start;
  const app = appOnce(entry, manager.verifiedFiles(entry));
  const bare: Once = () => {
    configureBare();
    return bareOnce(entry)();
  };

  const appRuns: Run[] = [await timedRun(app)]; // warm-up: starts onnxruntime-web
  const bareRuns: Run[] = [await timedRun(bare)]; // warm-up: fills transformers.js's cache
  // Interleaved, alternating which goes first, so drift hits both paths alike.
  for (let i = 0; i < repeats; i++) {
    if (i % 2 === 0) appRuns.push(await timedRun(app));
    bareRuns.push(await timedRun(bare));
    if (i % 2 === 1) appRuns.push(await timedRun(app));
  }
  const output = (runs: Run[], path: string): string => {
    const outputs = new Set(runs.map((r) => r.output));
    if (outputs.size !== 1) throw new Error(`${path} runs disagree: ${[...outputs].join(' | ')}`);
    return runs[0]!.output;
  };
  const timed = (runs: Run[]): Run[] => runs.slice(1);
  return {
    modelId,
    installMs,
    installBytes: record.bytesTotal,
    bareFirstMs: bareRuns[0]!.ms,
    appMs: timed(appRuns).map((r) => r.ms),
    bareMs: timed(bareRuns).map((r) => r.ms),
    appLoadOnlyMs: timed(appRuns).map((r) => r.loadOnlyMs),
    bareLoadOnlyMs: timed(bareRuns).map((r) => r.loadOnlyMs),
    appOutput: output(appRuns, 'app'),
    bareOutput: output(bareRuns, 'bare'),
  };
}

(window as unknown as { runModelLoadBench: typeof runModelLoadBench }).runModelLoadBench =
  runModelLoadBench;
document.documentElement.dataset['ready'] = 'true';
