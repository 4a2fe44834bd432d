/**
 * Chat models on web-llm (MLC builds, WebGPU only). The rows copy web-llm's prebuiltAppConfig
 * (@mlc-ai/web-llm 0.2.86, modelVersion v0_2_86/base; a unit test compares every row with it):
 * model_id, model_lib, vram_required_MB, low_resource_required, required_features and the
 * context window override.
 * MLC repos hold their weights in 20–60 shards named by ndarray-cache.json, so each row lists
 * the shards as one set whose size is estimated from the parameter count: q4f16_1 stores
 * 4.5 bits per parameter and q4f32_1 stores 5 (checked against the published manifest of
 * Qwen2-1.5B-Instruct-q4f16_1-MLC, 868,547,584 bytes, which Qwen2.5-1.5B shares shape for shape).
 */
import {
  defineEntry,
  kB,
  MB,
  type CatalogEntry,
  type CatalogFile,
  type WebLlmBuild,
} from './catalog-types';

/** web-llm's own prefix for compiled libraries (its `modelLibURLPrefix`). */
export const WEBLLM_MODEL_LIB_PREFIX =
  'https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/';
const WEBLLM_LIB_VERSION = 'v0_2_86/base';
/** MLC's prebuilt libraries as a repo: the relay serves them in the hub layout under this name. */
export const WEBLLM_LIB_REPO = 'mlc-ai/binary-mlc-llm-libs';
const WEBLLM_LIB_REVISION = 'main';
/** Compiled WebGPU libraries of 1–4B models are a few MB; none is listed anywhere we can read. */
const MODEL_LIB_ESTIMATE = MB(6);

const q4f16Bytes = (params: number): number => Math.round((params * 4.5) / 8);
const q4f32Bytes = (params: number): number => Math.round((params * 5) / 8);

export interface TokenizerSizes {
  tokenizer: number;
  tokenizerConfig: number;
}
// Llama 3 and Qwen2.5 from the hub listings of their ONNX twins; the others estimated.
export const LLAMA3_TOKENIZER: TokenizerSizes = { tokenizer: MB(9.09), tokenizerConfig: kB(54.6) };
export const QWEN25_TOKENIZER: TokenizerSizes = { tokenizer: MB(7.03), tokenizerConfig: kB(7.31) };
const PHI35_TOKENIZER: TokenizerSizes = { tokenizer: MB(1.84), tokenizerConfig: kB(3.4) };
const GEMMA2_TOKENIZER: TokenizerSizes = { tokenizer: MB(17.5), tokenizerConfig: kB(46.4) };
export const SMOLLM2_TOKENIZER: TokenizerSizes = { tokenizer: MB(2.1), tokenizerConfig: kB(3.76) };

/**
 * What web-llm 0.2.86 reads for one model: the chat config, the tokenizer, the tensor-cache
 * manifest (tensor-cache.json; older MLC builds called it ndarray-cache.json) with the shards it
 * names, and the compiled library. tokenizer_config.json is not read by web-llm; it is kept so an
 * imported folder is checked whole.
 */
function mlcFiles(weightBytes: number, tok: TokenizerSizes, libPath: string): CatalogFile[] {
  return [
    { path: 'mlc-chat-config.json', size: kB(2.3) },
    { path: 'tensor-cache.json', size: kB(66) },
    { path: 'tokenizer.json', size: tok.tokenizer },
    { path: 'tokenizer_config.json', size: tok.tokenizerConfig },
    { path: libPath, size: MODEL_LIB_ESTIMATE },
    { path: 'params_shard_*.bin', size: weightBytes, listedIn: 'tensor-cache.json' },
  ];
}

interface MlcRow {
  id: string;
  displayName: string;
  family: string;
  params: string;
  modelId: string;
  libName: string;
  vramMB: number;
  lowResource: boolean;
  listedFeatures: readonly string[];
  weightBytes: number;
  tokenizer: TokenizerSizes;
  languages: readonly string[];
  license: string;
  notes?: string;
}

function mlc(row: MlcRow): CatalogEntry {
  const f16 = row.modelId.includes('q4f16');
  const webllm: WebLlmBuild = {
    modelId: row.modelId,
    lowResourceRequired: row.lowResource,
    requiredFeatures: row.listedFeatures,
    libRepo: WEBLLM_LIB_REPO,
    libRevision: WEBLLM_LIB_REVISION,
    libPath: `web-llm-models/${WEBLLM_LIB_VERSION}/${row.libName}`,
  };
  return defineEntry({
    id: row.id,
    task: 'chat',
    engine: 'web-llm',
    displayName: row.displayName,
    family: row.family,
    params: row.params,
    repo: `mlc-ai/${row.modelId}`,
    revision: 'main',
    revisionPinned: false,
    files: mlcFiles(row.weightBytes, row.tokenizer, webllm.libPath),
    sizeSource: 'estimate',
    languages: row.languages,
    needs: { webgpu: 'required', shaderF16: f16, gpuMemoryMB: Math.ceil(row.vramMB) },
    dtype: f16 ? 'q4f16_1' : 'q4f32_1',
    contextWindow: 4096,
    webllm,
    license: row.license,
    notes: ['web-llm pins no hub revision for prebuilt models; main is what it loads.', row.notes]
      .filter(Boolean)
      .join(' '),
  });
}

export const LLAMA32_LANGS = ['en', 'pt', 'es', 'fr', 'de', 'it', 'hi', 'th'] as const;
export const QWEN25_LANGS = ['multilingual', 'pt', 'en'] as const;

export const WEB_LLM_CHAT_ENTRIES: readonly CatalogEntry[] = [
  mlc({
    id: 'llama-3.2-1b-instruct-q4f16-mlc',
    displayName: 'Llama 3.2 1B Instruct',
    family: 'llama-3.2',
    params: '1.2B',
    modelId: 'Llama-3.2-1B-Instruct-q4f16_1-MLC',
    libName: 'Llama-3.2-1B-Instruct-q4f16_1_cs1k-webgpu.wasm',
    vramMB: 879.04,
    lowResource: true,
    listedFeatures: [],
    weightBytes: q4f16Bytes(1_235_814_400),
    tokenizer: LLAMA3_TOKENIZER,
    languages: LLAMA32_LANGS,
    license: 'llama3.2',
  }),
  mlc({
    id: 'llama-3.2-1b-instruct-q4f32-mlc',
    displayName: 'Llama 3.2 1B Instruct (f32)',
    family: 'llama-3.2',
    params: '1.2B',
    modelId: 'Llama-3.2-1B-Instruct-q4f32_1-MLC',
    libName: 'Llama-3.2-1B-Instruct-q4f32_1_cs1k-webgpu.wasm',
    vramMB: 1128.82,
    lowResource: true,
    listedFeatures: [],
    weightBytes: q4f32Bytes(1_235_814_400),
    tokenizer: LLAMA3_TOKENIZER,
    languages: LLAMA32_LANGS,
    license: 'llama3.2',
    notes: 'For GPUs without shader-f16.',
  }),
  mlc({
    id: 'llama-3.2-3b-instruct-q4f16-mlc',
    displayName: 'Llama 3.2 3B Instruct',
    family: 'llama-3.2',
    params: '3.2B',
    modelId: 'Llama-3.2-3B-Instruct-q4f16_1-MLC',
    libName: 'Llama-3.2-3B-Instruct-q4f16_1_cs1k-webgpu.wasm',
    vramMB: 2263.69,
    lowResource: true,
    listedFeatures: [],
    weightBytes: q4f16Bytes(3_212_749_824),
    tokenizer: LLAMA3_TOKENIZER,
    languages: LLAMA32_LANGS,
    license: 'llama3.2',
  }),
  mlc({
    id: 'qwen2.5-1.5b-instruct-q4f16-mlc',
    displayName: 'Qwen2.5 1.5B Instruct',
    family: 'qwen2.5',
    params: '1.5B',
    modelId: 'Qwen2.5-1.5B-Instruct-q4f16_1-MLC',
    libName: 'Qwen2-1.5B-Instruct-q4f16_1_cs1k-webgpu.wasm',
    vramMB: 1629.75,
    lowResource: true,
    listedFeatures: [],
    weightBytes: 868_547_584,
    tokenizer: QWEN25_TOKENIZER,
    languages: QWEN25_LANGS,
    license: 'apache-2.0',
  }),
  mlc({
    id: 'qwen2.5-1.5b-instruct-q4f32-mlc',
    displayName: 'Qwen2.5 1.5B Instruct (f32)',
    family: 'qwen2.5',
    params: '1.5B',
    modelId: 'Qwen2.5-1.5B-Instruct-q4f32_1-MLC',
    libName: 'Qwen2-1.5B-Instruct-q4f32_1_cs1k-webgpu.wasm',
    vramMB: 1888.97,
    lowResource: true,
    listedFeatures: [],
    weightBytes: Math.round((868_547_584 * 5) / 4.5),
    tokenizer: QWEN25_TOKENIZER,
    languages: QWEN25_LANGS,
    license: 'apache-2.0',
    notes: 'For GPUs without shader-f16.',
  }),
  mlc({
    id: 'qwen2.5-3b-instruct-q4f16-mlc',
    displayName: 'Qwen2.5 3B Instruct',
    family: 'qwen2.5',
    params: '3.1B',
    modelId: 'Qwen2.5-3B-Instruct-q4f16_1-MLC',
    libName: 'Qwen2.5-3B-Instruct-q4f16_1_cs1k-webgpu.wasm',
    vramMB: 2504.76,
    lowResource: true,
    listedFeatures: [],
    weightBytes: q4f16Bytes(3_085_938_688),
    tokenizer: QWEN25_TOKENIZER,
    languages: QWEN25_LANGS,
    license: 'qwen-research',
    notes: 'Qwen Research licence: not for commercial use.',
  }),
  mlc({
    id: 'phi-3.5-mini-instruct-q4f16-mlc',
    displayName: 'Phi-3.5 mini Instruct',
    family: 'phi-3.5',
    params: '3.8B',
    modelId: 'Phi-3.5-mini-instruct-q4f16_1-MLC',
    libName: 'Phi-3.5-mini-instruct-q4f16_1_cs1k-webgpu.wasm',
    vramMB: 3672.07,
    lowResource: false,
    listedFeatures: [],
    weightBytes: q4f16Bytes(3_821_079_552),
    tokenizer: PHI35_TOKENIZER,
    languages: ['multilingual', 'en', 'pt'],
    license: 'mit',
  }),
  mlc({
    id: 'gemma-2-2b-it-q4f16-mlc',
    displayName: 'Gemma 2 2B IT',
    family: 'gemma-2',
    params: '2.6B',
    modelId: 'gemma-2-2b-it-q4f16_1-MLC',
    libName: 'gemma-2-2b-it-q4f16_1_cs1k-webgpu.wasm',
    vramMB: 1895.3,
    lowResource: false,
    listedFeatures: ['shader-f16'],
    weightBytes: q4f16Bytes(2_614_341_888),
    tokenizer: GEMMA2_TOKENIZER,
    languages: ['en'],
    license: 'gemma',
  }),
  mlc({
    id: 'smollm2-1.7b-instruct-q4f16-mlc',
    displayName: 'SmolLM2 1.7B Instruct',
    family: 'smollm2',
    params: '1.7B',
    modelId: 'SmolLM2-1.7B-Instruct-q4f16_1-MLC',
    libName: 'SmolLM2-1.7B-Instruct-q4f16_1_cs1k-webgpu.wasm',
    vramMB: 1774.19,
    lowResource: true,
    listedFeatures: ['shader-f16'],
    weightBytes: q4f16Bytes(1_711_376_384),
    tokenizer: SMOLLM2_TOKENIZER,
    languages: ['en'],
    license: 'apache-2.0',
  }),
];
