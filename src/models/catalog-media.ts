/**
 * Embedding, speech-to-text, image-to-text and OCR models. Sizes come from the hub's file
 * listings at the pinned commit where one was found (rounded to three figures, hence
 * 'listing'); the onnx-community Whisper repos were exported with the same files as their
 * Xenova twins, whose listings supplied the figures. Weights are the q8 ('quantized') ONNX
 * files wherever they exist, because those run on both WebGPU and WASM. OCR data sizes are
 * exact (measured on the npm tarballs' files).
 */
import { defineEntry, kB, MB, type CatalogEntry, type CatalogFile } from './catalog-types';

/** Runtime memory on either path, roughly 1.5× the weights (see catalog-chat.ts). */
function onnxNeeds(weightBytes: number): CatalogEntry['needs'] {
  return {
    webgpu: 'preferred',
    shaderF16: false,
    gpuMemoryMB: Math.ceil((weightBytes * 1.2) / 1_048_576),
    memoryMB: Math.ceil((weightBytes * 1.5) / 1_048_576),
  };
}

function weightBytesOf(files: readonly CatalogFile[]): number {
  return files.filter((f) => f.path.endsWith('.onnx')).reduce((sum, f) => sum + f.size, 0);
}

interface EmbedderRow {
  id: string;
  displayName: string;
  family: string;
  params: string;
  repo: string;
  revision: string;
  files: CatalogFile[];
  languages: readonly string[];
  license: string;
  notes?: string;
}

function embedder(row: EmbedderRow): CatalogEntry {
  return defineEntry({
    ...row,
    task: 'embedding',
    engine: 'transformers',
    revisionPinned: true,
    sizeSource: 'listing',
    needs: onnxNeeds(weightBytesOf(row.files)),
    dtype: 'q8',
    embeddingDim: 384,
    contextWindow: 512,
  });
}

const EMBEDDINGS: CatalogEntry[] = [
  embedder({
    id: 'multilingual-e5-small-q8',
    displayName: 'Multilingual E5 small',
    family: 'e5',
    params: '118M',
    repo: 'Xenova/multilingual-e5-small',
    revision: '761b726dd34fb83930e26aab4e9ac3899aa1fa78',
    // Sizes from the hub listing. No sha256 yet: the only digests found came from a mirror,
    // not from this repo, and a wrong digest would fail every install of the default embedder.
    files: [
      { path: 'config.json', size: kB(0.67) },
      { path: 'tokenizer.json', size: MB(17.1) },
      { path: 'tokenizer_config.json', size: kB(0.42) },
      { path: 'onnx/model_quantized.onnx', size: MB(118) },
    ],
    languages: ['multilingual', 'pt', 'en'],
    license: 'mit',
    notes: 'Expects "query: " and "passage: " prefixes.',
  }),
  embedder({
    id: 'paraphrase-multilingual-minilm-l12-v2-q8',
    displayName: 'Paraphrase multilingual MiniLM L12 v2',
    family: 'minilm',
    params: '118M',
    repo: 'Xenova/paraphrase-multilingual-MiniLM-L12-v2',
    revision: '018218219718cc217663562b0a65b5ffd1339d47',
    files: [
      { path: 'config.json', size: kB(0.68) },
      { path: 'tokenizer.json', size: MB(9.08) },
      { path: 'tokenizer_config.json', size: kB(0.53) },
      { path: 'onnx/model_quantized.onnx', size: MB(118) },
    ],
    languages: ['multilingual', 'pt', 'en'],
    license: 'apache-2.0',
  }),
  embedder({
    id: 'all-minilm-l6-v2-q8',
    displayName: 'all-MiniLM-L6 v2',
    family: 'minilm',
    params: '22M',
    repo: 'Xenova/all-MiniLM-L6-v2',
    revision: 'da5f6eac91a9596269707e15ec694e50e25a0d14',
    files: [
      { path: 'config.json', size: kB(0.65) },
      { path: 'tokenizer.json', size: kB(712) },
      { path: 'tokenizer_config.json', size: kB(0.37) },
      { path: 'onnx/model_quantized.onnx', size: MB(23) },
    ],
    languages: ['en'],
    license: 'apache-2.0',
  }),
];

interface WhisperRow {
  size: 'tiny' | 'base' | 'small';
  params: string;
  encoderBytes: number;
  decoderBytes: number;
}

function whisper(row: WhisperRow): CatalogEntry {
  const files: CatalogFile[] = [
    { path: 'config.json', size: kB(2.24) },
    { path: 'generation_config.json', size: kB(3.85) },
    { path: 'preprocessor_config.json', size: 339 },
    { path: 'tokenizer.json', size: MB(2.48) },
    { path: 'tokenizer_config.json', size: kB(283) },
    { path: 'onnx/encoder_model_quantized.onnx', size: row.encoderBytes },
    { path: 'onnx/decoder_model_merged_quantized.onnx', size: row.decoderBytes },
  ];
  return defineEntry({
    id: `whisper-${row.size}-q8`,
    task: 'speech-to-text',
    engine: 'transformers',
    displayName: `Whisper ${row.size}`,
    family: 'whisper',
    params: row.params,
    repo: `onnx-community/whisper-${row.size}`,
    revision: 'main',
    revisionPinned: false,
    files,
    sizeSource: 'listing',
    languages: ['multilingual', 'pt', 'en'],
    needs: onnxNeeds(row.encoderBytes + row.decoderBytes),
    dtype: 'q8',
    license: 'apache-2.0',
    notes: 'No pinned revision found; main. Sizes from the Xenova twin of this export.',
  });
}

const SPEECH_TO_TEXT: CatalogEntry[] = [
  whisper({ size: 'tiny', params: '39M', encoderBytes: MB(10.1), decoderBytes: MB(30.7) }),
  whisper({ size: 'base', params: '74M', encoderBytes: MB(23.2), decoderBytes: MB(53.7) }),
  whisper({ size: 'small', params: '244M', encoderBytes: MB(92.3), decoderBytes: MB(157) }),
];

const FLORENCE_FILES: CatalogFile[] = [
  { path: 'config.json', size: kB(5.63) },
  { path: 'generation_config.json', size: 292 },
  { path: 'preprocessor_config.json', size: 806 },
  { path: 'tokenizer.json', size: MB(1.36) },
  { path: 'tokenizer_config.json', size: kB(198) },
  { path: 'onnx/vision_encoder.onnx', size: MB(367) },
  { path: 'onnx/embed_tokens.onnx', size: MB(158) },
  { path: 'onnx/encoder_model.onnx', size: MB(173) },
  { path: 'onnx/decoder_model_merged.onnx', size: MB(388) },
];

const SMOLVLM_FILES: CatalogFile[] = [
  { path: 'config.json', size: kB(7.35) },
  { path: 'generation_config.json', size: 136 },
  { path: 'preprocessor_config.json', size: 486 },
  { path: 'processor_config.json', size: 68 },
  { path: 'chat_template.json', size: 429 },
  { path: 'tokenizer.json', size: MB(3.55) },
  { path: 'tokenizer_config.json', size: kB(28.2) },
  // Not in the listing we found: estimated from SigLIP-base's 93M parameters at 4 bits.
  { path: 'onnx/vision_encoder_q4.onnx', size: MB(60) },
  { path: 'onnx/embed_tokens.onnx', size: MB(114) },
  { path: 'onnx/decoder_model_merged_q4.onnx', size: MB(86.9) },
];

const IMAGE_TO_TEXT: CatalogEntry[] = [
  defineEntry({
    id: 'florence-2-base-ft-fp32',
    task: 'image-to-text',
    engine: 'transformers',
    displayName: 'Florence-2 base (fine-tuned)',
    family: 'florence-2',
    params: '230M',
    repo: 'onnx-community/Florence-2-base-ft',
    revision: 'a7cbb3082bec12e48b43f50ea12f93f4d31182f2',
    revisionPinned: true,
    files: FLORENCE_FILES,
    sizeSource: 'listing',
    languages: ['en'],
    needs: onnxNeeds(weightBytesOf(FLORENCE_FILES)),
    dtype: 'fp32',
    readsImageText: true,
    license: 'mit',
    notes: 'Captions, detailed captions and OCR by task prompt; fp32 is what this commit ships.',
  }),
  defineEntry({
    id: 'smolvlm-256m-instruct-q4',
    task: 'image-to-text',
    engine: 'transformers',
    displayName: 'SmolVLM 256M Instruct',
    family: 'smolvlm',
    params: '256M',
    repo: 'HuggingFaceTB/SmolVLM-256M-Instruct',
    revision: 'acc054744d60adea9d88214dab6e2219e6e512a7',
    revisionPinned: true,
    files: SMOLVLM_FILES,
    sizeSource: 'estimate',
    languages: ['en'],
    needs: onnxNeeds(weightBytesOf(SMOLVLM_FILES)),
    dtype: 'q4',
    contextWindow: 8192,
    license: 'apache-2.0',
    notes: 'Answers questions about an image.',
  }),
];

/** The @tesseract.js-data packages' version (npm versions are immutable). */
export const TESSDATA_NPM_VERSION = '1.0.0';

interface TessdataRow {
  lang: 'por' | 'eng';
  name: string;
  bcp47: string;
  size: number;
  sha256: string;
}

/**
 * Tesseract's language data as tesseract.js itself uses it: the LSTM-only "best_int" models
 * that the @tesseract.js-data npm packages ship gzipped. An npm version never changes once
 * published, so the version is the pinned revision; the hub source fetches these from the npm
 * CDN (source-urls.ts), a relay serves them like any repo. Sizes and sha256 were measured on
 * the files of the 1.0.0 tarballs (eng: node_modules; por: `npm pack @tesseract.js-data/por@1.0.0`).
 * The ids keep their first name ('-fast'): stored settings refer to them.
 */
function tessdata(row: TessdataRow): CatalogEntry {
  return defineEntry({
    id: `tesseract-${row.lang}-fast`,
    task: 'ocr',
    engine: 'tesseract',
    displayName: `Tesseract ${row.name}`,
    family: 'tesseract',
    params: null,
    repo: `@tesseract.js-data/${row.lang}`,
    revision: TESSDATA_NPM_VERSION,
    revisionPinned: true,
    files: [
      { path: `4.0.0_best_int/${row.lang}.traineddata.gz`, size: row.size, sha256: row.sha256 },
    ],
    sizeSource: 'exact',
    languages: [row.bcp47],
    needs: { webgpu: 'no', shaderF16: false, memoryMB: 256 },
    dtype: 'int8-lstm',
    license: 'apache-2.0',
    notes: 'LSTM-only tessdata_best (integer), gzipped, from the @tesseract.js-data npm package.',
  });
}

const OCR: CatalogEntry[] = [
  tessdata({
    lang: 'por',
    name: 'Portuguese',
    bcp47: 'pt',
    size: 1_392_239,
    sha256: 'dacebc1386ddaaf8389f81094236cca0d690897cde693d48cbdaa881c86e2b4c',
  }),
  tessdata({
    lang: 'eng',
    name: 'English',
    bcp47: 'en',
    size: 2_952_873,
    sha256: '45b4cb346724ac1774f1c36f42f182b887bcdb28ebe63e6fff90ac41f3fcff91',
  }),
];

export const MEDIA_ENTRIES: readonly CatalogEntry[] = [
  ...EMBEDDINGS,
  ...SPEECH_TO_TEXT,
  ...IMAGE_TO_TEXT,
  ...OCR,
];
