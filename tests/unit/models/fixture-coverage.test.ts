// Every transformers.js text model the catalog ships (chat and embedding) must have a fixture
// that runs the same code path: the same config.json model_type, the same dtype and file names,
// the same tokenizer class, the same chat template family (chat) and the same pooling and
// normalisation (embeddings). transformers.js picks its model class, cache layout and files from
// exactly these, so a tiny random-weight twin that matches them proves the real entry loads and
// runs through our adapters (tests/unit/models/fixtures-text-arch.test.ts runs the twins).
// A new catalog entry fails here until it has a row below and a fixture that covers it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listModels, type CatalogEntry } from '../../../src/models/catalog';
import { engineRuns } from '../../../src/models/engine-support';
import { MODELS_DIR } from './engines/fixture-files';

type TemplateFamily = 'chatml-qwen2.5' | 'chatml-qwen3' | 'chatml-smollm2' | 'llama3' | 'unknown';

/** What transformers.js reads from a real repo, written down per entry. */
interface RealText {
  /** config.json model_type. */
  modelType: string;
  /** tokenizer_config.json tokenizer_class. */
  tokenizerClass: string;
  /** Chat: the family of tokenizer_config.json's chat_template. */
  templateFamily?: TemplateFamily;
  /** The fixture that stands for it. */
  fixture: string;
}

// No network here to read the hub's config files, so the real values are written down, from the
// repos' config.json and tokenizer_config.json. Both multilingual embedders are BERT models
// (BertModel) that use XLM-RoBERTa's SentencePiece tokenizer, not model_type xlm-roberta.
const REAL: Readonly<Record<string, RealText>> = {
  // onnx-community/Qwen2.5-0.5B-Instruct: Qwen2ForCausalLM, ChatML with Qwen's default system.
  'qwen2.5-0.5b-instruct-q4-onnx': {
    modelType: 'qwen2',
    tokenizerClass: 'Qwen2Tokenizer',
    templateFamily: 'chatml-qwen2.5',
    fixture: 'omnia-fixture-qwen2',
  },
  // HuggingFaceTB/SmolLM2-360M-Instruct: LlamaForCausalLM, ChatML with SmolLM's default system.
  'smollm2-360m-instruct-q4-onnx': {
    modelType: 'llama',
    tokenizerClass: 'GPT2Tokenizer',
    templateFamily: 'chatml-smollm2',
    fixture: 'omnia-fixture-smollm2',
  },
  // onnx-community/Llama-3.2-1B-Instruct: LlamaForCausalLM, Llama 3 headers and today's date.
  'llama-3.2-1b-instruct-q4-onnx': {
    modelType: 'llama',
    tokenizerClass: 'PreTrainedTokenizerFast',
    templateFamily: 'llama3',
    fixture: 'omnia-fixture-llama',
  },
  // Xenova/multilingual-e5-small (intfloat/multilingual-e5-small): BertModel + XLM-R tokenizer.
  'multilingual-e5-small-q8': {
    modelType: 'bert',
    tokenizerClass: 'XLMRobertaTokenizer',
    fixture: 'omnia-fixture-e5',
  },
  // Xenova/paraphrase-multilingual-MiniLM-L12-v2: BertModel + XLM-R tokenizer.
  'paraphrase-multilingual-minilm-l12-v2-q8': {
    modelType: 'bert',
    tokenizerClass: 'XLMRobertaTokenizer',
    fixture: 'omnia-fixture-e5',
  },
  // Xenova/all-MiniLM-L6-v2: BertModel + uncased WordPiece.
  'all-minilm-l6-v2-q8': {
    modelType: 'bert',
    tokenizerClass: 'BertTokenizer',
    fixture: 'omnia-fixture-embedder',
  },
};

/**
 * Fixtures built ahead of a catalog entry: Qwen3 (qwen3, q/k norm) for the agents issue. When a
 * Qwen3 entry lands, its row above points here.
 */
const AHEAD_OF_CATALOG = ['omnia-fixture-qwen3'];

/** Which template family a chat_template belongs to, from what it writes. */
function templateFamily(template: string): TemplateFamily {
  if (template.includes('<|start_header_id|>') && template.includes('Cutting Knowledge Date')) {
    return 'llama3';
  }
  if (template.includes('<|im_start|>')) {
    if (template.includes('You are Qwen, created by Alibaba Cloud')) return 'chatml-qwen2.5';
    if (template.includes('enable_thinking') && template.includes('<think>')) return 'chatml-qwen3';
    if (template.includes('named SmolLM')) return 'chatml-smollm2';
  }
  return 'unknown';
}

interface FixtureFacts {
  entry: CatalogEntry;
  modelType: string;
  tokenizerClass: string;
  templateFamily: TemplateFamily | null;
  /** Embeddings: the pooling its reference was computed with. */
  pooling: string | null;
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

function embeddingPooling(id: string): string | null {
  interface Pooled {
    pooling: string;
    normalize: boolean;
  }
  const text = readJson<{ e5: Pooled & { model: string } }>(
    `${MODELS_DIR}reference-text-arch.json`,
  );
  const base = readJson<{ embedder: Pooled & { model: string } }>(`${MODELS_DIR}reference.json`);
  const found = [text.e5, base.embedder].find((r) => r.model === id);
  return found ? `${found.pooling}${found.normalize ? '+l2' : ''}` : null;
}

function factsOf(entry: CatalogEntry): FixtureFacts {
  const dir = `${MODELS_DIR}${entry.id}/`;
  const config = readJson<{ model_type: string }>(`${dir}config.json`);
  const tokenizer = readJson<{ tokenizer_class: string; chat_template?: string }>(
    `${dir}tokenizer_config.json`,
  );
  return {
    entry,
    modelType: config.model_type,
    tokenizerClass: tokenizer.tokenizer_class,
    templateFamily:
      tokenizer.chat_template === undefined ? null : templateFamily(tokenizer.chat_template),
    pooling: entry.task === 'embedding' ? embeddingPooling(entry.id) : null,
  };
}

/**
 * The pooling our embedder adapter applies to every embedding model: the catalog's entries have
 * no pooling of their own, so one adapter-wide setting is what each entry is configured with.
 */
function adapterPooling(): string {
  const source = readFileSync(
    new URL('../../../src/models/engines/transformers/transformers-embedder.ts', import.meta.url),
    'utf8',
  );
  const match = /pooling: '(\w+)', normalize: (true|false)/.exec(source);
  if (!match) throw new Error('transformers-embedder.ts no longer says how it pools');
  return `${match[1]}${match[2] === 'true' ? '+l2' : ''}`;
}

const isText = (e: CatalogEntry): boolean => e.task === 'chat' || e.task === 'embedding';
const realEntries = listModels().filter((e) => e.engine === 'transformers' && isText(e));
const fixtures = listModels({ includeFixtures: true })
  .filter((e) => e.fixture === true && e.engine === 'transformers' && isText(e))
  .map(factsOf);

/** Why `fixture` does not stand for `entry` (described by `real`), or null when it does. */
function mismatch(entry: CatalogEntry, real: RealText, fixture: FixtureFacts): string | null {
  const f = fixture.entry;
  if (f.task !== entry.task) return `task ${f.task} != ${entry.task}`;
  if (f.dtype !== entry.dtype) return `dtype ${f.dtype} != ${entry.dtype}`;
  const paths = new Set(f.files.map((file) => file.path));
  const missing = entry.files.map((file) => file.path).filter((p) => !paths.has(p));
  if (missing.length > 0) return `no ${missing.join(', ')}`;
  if (fixture.modelType !== real.modelType) return `model_type ${fixture.modelType}`;
  if (fixture.tokenizerClass !== real.tokenizerClass) return `tokenizer ${fixture.tokenizerClass}`;
  if (entry.task === 'chat' && fixture.templateFamily !== real.templateFamily) {
    return `template ${fixture.templateFamily}`;
  }
  if (entry.task === 'embedding' && fixture.pooling !== adapterPooling()) {
    return `pooling ${fixture.pooling}`;
  }
  return null;
}

describe('every transformers.js text model in the catalog has a fixture of its architecture', () => {
  it('lists the real values of every transformers.js chat and embedding entry', () => {
    expect(realEntries.length).toBeGreaterThan(0);
    const unlisted = realEntries.map((e) => e.id).filter((id) => !(id in REAL));
    // A new entry: write down its model_type, tokenizer class and template family above, and
    // build a fixture with them (scripts/fixtures/build_models.py) if none covers it yet.
    expect(unlisted).toEqual([]);
    const stale = Object.keys(REAL).filter((id) => !realEntries.some((e) => e.id === id));
    expect(stale).toEqual([]);
  });

  it.each(realEntries.map((e) => [e.id, e] as const))(
    '%s is covered by a fixture with its model_type, dtype, files, tokenizer, template and pooling',
    (_, entry) => {
      const real = REAL[entry.id];
      if (!real) throw new Error(`${entry.id} has no row in REAL`);
      const why = Object.fromEntries(fixtures.map((f) => [f.entry.id, mismatch(entry, real, f)]));
      const covering = Object.keys(why).filter((id) => why[id] === null);
      expect(covering, JSON.stringify(why, null, 1)).toContain(real.fixture);
    },
  );

  it('has q4 fixtures with real 4-bit MatMulNBits graphs and q8 ones quantized like onnxruntime', () => {
    for (const { entry } of fixtures) {
      for (const file of entry.files.filter((f) => f.path.endsWith('.onnx'))) {
        const bytes = readFileSync(`${MODELS_DIR}${entry.id}/${file.path}`).toString('latin1');
        if (file.path.endsWith('_q4.onnx')) expect(bytes, file.path).toContain('MatMulNBits');
        if (file.path.endsWith('_quantized.onnx')) {
          expect(bytes, file.path).toContain('MatMulInteger');
        }
      }
    }
  });

  it('keeps the chat fixtures built ahead of the catalog, and each fixture says its template family', () => {
    const ids = fixtures.map((f) => f.entry.id);
    for (const id of AHEAD_OF_CATALOG) expect(ids).toContain(id);
    const reference = readJson<{ chat: Record<string, { template_family: string }> }>(
      `${MODELS_DIR}reference-text-arch.json`,
    );
    for (const [id, chat] of Object.entries(reference.chat)) {
      const facts = fixtures.find((f) => f.entry.id === id);
      expect(facts?.templateFamily, id).toBe(chat.template_family);
    }
  });
});

/** What transformers.js reads from a real image-to-text repo, written down per entry. */
interface RealVision {
  modelType: string;
  tokenizerClass: string;
  /** preprocessor_config.json image_processor_type. */
  imageProcessor: string;
  /**
   * processor_class from processor_config.json where the repo has one (Idefics3), else from
   * preprocessor_config.json (Florence-2): the processor transformers.js builds.
   */
  processorClass: string;
  fixture: string;
}

// HuggingFaceTB/SmolVLM-256M-Instruct: Idefics3ForConditionalGeneration (SigLIP tiles + a
// SmolLM2 llama decoder), SmolLM2's GPT-2 tokenizer, Idefics3 image processor and processor.
// onnx-community/Florence-2-base-ft: Florence2ForConditionalGeneration (DaViT + BART), BART's
// tokenizer, a CLIP image processor and Florence2Processor named in preprocessor_config.json.
const REAL_VISION: Readonly<Record<string, RealVision>> = {
  'florence-2-base-ft-fp32': {
    modelType: 'florence2',
    tokenizerClass: 'BartTokenizer',
    imageProcessor: 'CLIPImageProcessor',
    processorClass: 'Florence2Processor',
    fixture: 'omnia-fixture-florence2',
  },
  'smolvlm-256m-instruct-q4': {
    modelType: 'idefics3',
    tokenizerClass: 'GPT2Tokenizer',
    imageProcessor: 'Idefics3ImageProcessor',
    processorClass: 'Idefics3Processor',
    fixture: 'omnia-fixture-smolvlm',
  },
};

describe('every image-to-text model the app runs has a fixture of its architecture', () => {
  const runnable = listModels({ task: 'image-to-text' }).filter(
    (e) => e.engine === 'transformers' && engineRuns(e),
  );

  it('lists the real values of every runnable transformers.js image-to-text entry', () => {
    expect(runnable.map((e) => e.id).sort()).toEqual(Object.keys(REAL_VISION).sort());
  });

  it.each(runnable.map((e) => [e.id, e] as const))(
    '%s is covered by a fixture with its model_type, dtype, files, tokenizer and processors',
    (_, entry) => {
      const real = REAL_VISION[entry.id];
      if (!real) throw new Error(`${entry.id} has no row in REAL_VISION`);
      const fixture = listModels({ includeFixtures: true }).find((e) => e.id === real.fixture);
      if (!fixture) throw new Error(`no fixture ${real.fixture}`);
      const dir = `${MODELS_DIR}${fixture.id}/`;
      expect(fixture.task).toBe(entry.task);
      expect(fixture.dtype).toBe(entry.dtype);
      const paths = new Set(fixture.files.map((f) => f.path));
      expect(entry.files.map((f) => f.path).filter((p) => !paths.has(p))).toEqual([]);
      expect(readJson<{ model_type: string }>(`${dir}config.json`).model_type).toBe(real.modelType);
      expect(
        readJson<{ tokenizer_class: string }>(`${dir}tokenizer_config.json`).tokenizer_class,
      ).toBe(real.tokenizerClass);
      const pre = readJson<{ image_processor_type: string; processor_class?: string }>(
        `${dir}preprocessor_config.json`,
      );
      expect(pre.image_processor_type).toBe(real.imageProcessor);
      const proc = paths.has('processor_config.json')
        ? readJson<{ processor_class: string }>(`${dir}processor_config.json`)
        : pre;
      expect(proc.processor_class).toBe(real.processorClass);
    },
  );
});
