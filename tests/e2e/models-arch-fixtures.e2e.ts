/**
 * A real catalog architecture in a real browser: the Qwen2 fixture (model_type qwen2, Qwen2.5's
 * ChatML template and generation_config, dtype q4: onnx/model_q4.onnx with MatMulNBits) installed
 * from the relay through the Models view, then run by "Try it" on WASM in the inference worker.
 * Its greedy ids must equal the numpy reference, repetition penalty included, which proves the
 * file set, the q4 kernels in onnxruntime-web and the template of the Qwen2.5 entry work here.
 */
import { describe, expect, inject, it } from 'vitest';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import {
  expectedOpfs,
  installFixture,
  openModelsWithRelay,
  opfsFiles,
  textArchChatPrompt,
  tryOut,
} from './models-helpers';

const appUrl = inject('appUrl');
const browser = useBrowser();

const QWEN2 = 'omnia-fixture-qwen2';

describe('catalog architectures in the browser', () => {
  it('installs the Qwen2 fixture and Try it on WASM gives the reference greedy ids (q4)', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await openModelsWithRelay(page, appUrl);
    await installFixture(page, QWEN2);
    expect(await opfsFiles(page, QWEN2)).toEqual(expectedOpfs(QWEN2));

    const prompt = textArchChatPrompt(QWEN2);
    // Ends at <|endoftext|>, one of Qwen2.5's two EOS ids, well within Try it's 32 tokens.
    expect(await tryOut(page, QWEN2, 'wasm', prompt)).toEqual(prompt.generatedIds);
    expectCleanSession(session);
    await session.close();
  });
});
