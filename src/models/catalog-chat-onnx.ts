/**
 * Chat models on transformers.js: small enough to run on WASM when there is no usable WebGPU.
 * They use q4 ONNX (MatMulNBits with fp32 scales), which runs on both WebGPU and WASM; q4f16
 * would be smaller but needs fp16 kernels that WASM lacks. Sizes from the hub's listings.
 */
import {
  LLAMA3_TOKENIZER,
  LLAMA32_LANGS,
  QWEN25_LANGS,
  QWEN25_TOKENIZER,
  SMOLLM2_TOKENIZER,
  type TokenizerSizes,
} from './catalog-chat';
import { defineEntry, GB, kB, MB, type CatalogEntry } from './catalog-types';

interface OnnxChatRow {
  id: string;
  displayName: string;
  family: string;
  params: string;
  repo: string;
  revision: string | null;
  modelBytes: number;
  tokenizer: TokenizerSizes;
  configBytes: number;
  generationConfigBytes: number;
  languages: readonly string[];
  license: string;
  contextWindow: number;
}

function onnxChat(row: OnnxChatRow): CatalogEntry {
  return defineEntry({
    id: row.id,
    task: 'chat',
    engine: 'transformers',
    displayName: row.displayName,
    family: row.family,
    params: row.params,
    repo: row.repo,
    revision: row.revision ?? 'main',
    revisionPinned: row.revision !== null,
    files: [
      { path: 'config.json', size: row.configBytes },
      { path: 'generation_config.json', size: row.generationConfigBytes },
      { path: 'tokenizer.json', size: row.tokenizer.tokenizer },
      { path: 'tokenizer_config.json', size: row.tokenizer.tokenizerConfig },
      { path: 'onnx/model_q4.onnx', size: row.modelBytes },
    ],
    sizeSource: 'listing',
    languages: row.languages,
    needs: {
      webgpu: 'preferred',
      shaderF16: false,
      // The q4 graph keeps its embeddings in fp32; runtime needs ~1.2× the file on the GPU
      // and ~1.5× in WASM memory (weights plus the ORT session's buffers).
      gpuMemoryMB: Math.ceil((row.modelBytes * 1.2) / 1_048_576),
      memoryMB: Math.ceil((row.modelBytes * 1.5) / 1_048_576),
    },
    dtype: 'q4',
    contextWindow: row.contextWindow,
    license: row.license,
    ...(row.revision === null ? { notes: 'No pinned revision found; main.' } : {}),
  });
}

export const TRANSFORMERS_CHAT_ENTRIES: readonly CatalogEntry[] = [
  onnxChat({
    id: 'qwen2.5-0.5b-instruct-q4-onnx',
    displayName: 'Qwen2.5 0.5B Instruct',
    family: 'qwen2.5',
    params: '0.5B',
    repo: 'onnx-community/Qwen2.5-0.5B-Instruct',
    revision: null,
    modelBytes: MB(786),
    tokenizer: QWEN25_TOKENIZER,
    configBytes: kB(0.89),
    generationConfigBytes: 242,
    languages: QWEN25_LANGS,
    license: 'apache-2.0',
    contextWindow: 32768,
  }),
  onnxChat({
    id: 'smollm2-360m-instruct-q4-onnx',
    displayName: 'SmolLM2 360M Instruct',
    family: 'smollm2',
    params: '360M',
    repo: 'HuggingFaceTB/SmolLM2-360M-Instruct',
    revision: null,
    modelBytes: MB(417),
    tokenizer: SMOLLM2_TOKENIZER,
    configBytes: kB(0.86),
    generationConfigBytes: 132,
    languages: ['en'],
    license: 'apache-2.0',
    contextWindow: 8192,
  }),
  onnxChat({
    id: 'llama-3.2-1b-instruct-q4-onnx',
    displayName: 'Llama 3.2 1B Instruct (ONNX)',
    family: 'llama-3.2',
    params: '1.2B',
    repo: 'onnx-community/Llama-3.2-1B-Instruct',
    revision: 'c5b77c42b9a13105f54d55be507e1a65b5b8149b',
    modelBytes: GB(1.66),
    tokenizer: LLAMA3_TOKENIZER,
    configBytes: kB(0.97),
    generationConfigBytes: 189,
    languages: LLAMA32_LANGS,
    license: 'llama3.2',
    contextWindow: 131072,
  }),
];
