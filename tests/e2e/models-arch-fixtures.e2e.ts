/**
 * Every catalog text architecture in a real browser: the Qwen2, Llama, SmolLM2 and Qwen3
 * fixtures (their model_type, chat template family, generation_config and dtype q4:
 * onnx/model_q4.onnx with MatMulNBits) and the e5 embedder (XLM-RoBERTa tokenizer, mean pooling,
 * normalised, dtype q8), installed from the relay through the Models view, then run by "Try it"
 * on WASM in the inference worker. Greedy ids must equal the numpy reference (Qwen2.5's
 * repetition penalty included) and embeddings must be within the reference's q8 tolerance, which
 * proves the file sets, the q4 and q8 kernels in onnxruntime-web and the templates work here.
 *
 * Llama 3.2's template writes today's date into the system header (strftime_now), and the
 * inference worker's clock cannot be pinned from the test, so for a template that renders the
 * date the browser must equal the same adapter in Node (onnxruntime-node, CPU) run now: that
 * adapter equals the numpy reference with the clock pinned (tests/unit/models/
 * fixtures-text-arch.test.ts). Ids are taken before and after, so a date flip cannot fail it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { getModel } from '../../src/models/catalog';
import { loadTransformersChat } from '../../src/models/engines/transformers/transformers-chat';
import { diskSource } from '../unit/models/engines/fixture-files';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import {
  card,
  expectedOpfs,
  FIXTURES_DIR,
  installFixture,
  openModelsWithRelay,
  opfsFiles,
  textArchChatPrompt,
  tryOut,
} from './models-helpers';

const appUrl = inject('appUrl');
const browser = useBrowser();

const CHAT_FIXTURES = [
  'omnia-fixture-qwen2',
  'omnia-fixture-llama',
  'omnia-fixture-smollm2',
  'omnia-fixture-qwen3',
];
const E5 = 'omnia-fixture-e5';

/** Try it's default limit, which the app passes to generate(). */
const TRY_IT_MAX_TOKENS = 32;

/** Whether the fixture's reference prompt was rendered with a date (Llama 3's template). */
function rendersDate(id: string): boolean {
  const reference = JSON.parse(
    readFileSync(`${FIXTURES_DIR}/reference-text-arch.json`, 'utf8'),
  ) as { chat: Record<string, { chat: { rendered_with_date: string | null } }> };
  return reference.chat[id]?.chat.rendered_with_date != null;
}

/** The same adapter in Node, on today's date: the greedy ids for the reference prompt. */
async function nodeIdsToday(id: string, system: string, user: string): Promise<number[]> {
  const chat = await loadTransformersChat({
    entry: getModel(id),
    files: diskSource(id),
    device: 'cpu',
  });
  try {
    const turns = [
      { role: 'system' as const, content: system },
      { role: 'user' as const, content: user },
    ];
    return (await chat.generate(turns, { maxNewTokens: TRY_IT_MAX_TOKENS })).tokenIds ?? [];
  } finally {
    await chat.dispose();
  }
}

interface E5Reference {
  tolerances: Record<string, number>;
  e5: { sentences: { text: string; q8: { embedding: number[] } }[] };
}

describe('catalog architectures in the browser', () => {
  it('installs every chat architecture fixture and Try it on WASM gives the reference greedy ids (q4)', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await openModelsWithRelay(page, appUrl);
    for (const id of CHAT_FIXTURES) {
      await installFixture(page, id);
      expect(await opfsFiles(page, id), id).toEqual(expectedOpfs(id));
      const prompt = textArchChatPrompt(id);
      if (!rendersDate(id)) {
        // Each ends at one of its EOS ids well within Try it's 32 tokens.
        expect(await tryOut(page, id, 'wasm', prompt), id).toEqual(prompt.generatedIds);
        continue;
      }
      const before = await nodeIdsToday(id, prompt.system, prompt.user);
      const got = await tryOut(page, id, 'wasm', prompt);
      const after = await nodeIdsToday(id, prompt.system, prompt.user);
      expect([before, after], id).toContainEqual(got);
    }
    expectCleanSession(session);
    await session.close();
  });

  it('installs the e5 fixture and Try it on WASM embeds within the q8 reference tolerance', async () => {
    const reference = JSON.parse(
      readFileSync(`${FIXTURES_DIR}/reference-text-arch.json`, 'utf8'),
    ) as E5Reference;
    const sentences = reference.e5.sentences;
    const tolerance = reference.tolerances['q8'] ?? 0;
    expect(sentences.length).toBeGreaterThan(1);
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await openModelsWithRelay(page, appUrl);
    await installFixture(page, E5);
    const model = card(page, E5);
    const details = model.getByTestId('model-tryout');
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    await model.getByTestId('tryout-device-select').selectOption('wasm');
    await model.getByTestId('tryout-lines').fill(sentences.map((s) => s.text).join('\n'));
    await model.getByTestId('tryout-run').click();
    const ranOn = model.getByTestId('tryout-ran-on');
    await ranOn.waitFor({ timeout: 90_000 });
    expect(await ranOn.getAttribute('data-device')).toBe('wasm');
    const raw = JSON.parse((await model.getByTestId('tryout-raw').textContent()) ?? '{}') as {
      vectors: number[][];
    };
    expect(raw.vectors).toHaveLength(sentences.length);
    sentences.forEach((sentence, i) => {
      const got = raw.vectors[i] ?? [];
      expect(got).toHaveLength(sentence.q8.embedding.length);
      const worst = Math.max(...got.map((v, j) => Math.abs(v - (sentence.q8.embedding[j] ?? NaN))));
      expect(worst, sentence.text).toBeLessThanOrEqual(tolerance);
    });
    expectCleanSession(session);
    await session.close();
  });
});
