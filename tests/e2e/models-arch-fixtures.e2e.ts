/**
 * A real catalog architecture in a real browser: the Qwen2 fixture (model_type qwen2, Qwen2.5's
 * ChatML template and generation_config, dtype q4: onnx/model_q4.onnx with MatMulNBits) installed
 * from the relay through the Models view, then run by "Try it" on WASM in the inference worker.
 * Its greedy ids must equal the numpy reference, repetition penalty included, which proves the
 * file set, the q4 kernels in onnxruntime-web and the template of the Qwen2.5 entry work here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import {
  card,
  expectedOpfs,
  FIXTURES_DIR,
  openModelsWithRelay,
  opfsFiles,
  waitForStatus,
} from './models-helpers';

const appUrl = inject('appUrl');
const browser = useBrowser();

const QWEN2 = 'omnia-fixture-qwen2';

interface Reference {
  chat: Record<
    string,
    {
      chat: {
        messages: { role: string; content: string }[];
        input_ids: number[];
        q4: { generated_ids: number[] };
      };
    }
  >;
}
const reference = JSON.parse(
  readFileSync(`${FIXTURES_DIR}/reference-text-arch.json`, 'utf8'),
) as Reference;

describe('catalog architectures in the browser', () => {
  it('installs the Qwen2 fixture and Try it on WASM gives the reference greedy ids (q4)', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await openModelsWithRelay(page, appUrl);
    const qwen = card(page, QWEN2);
    await qwen.getByTestId('model-install').click();
    await waitForStatus(page, QWEN2, 'installed');
    expect(await opfsFiles(page, QWEN2)).toEqual(expectedOpfs(QWEN2));

    const chat = reference.chat[QWEN2]?.chat;
    const system = chat?.messages.find((m) => m.role === 'system')?.content ?? '';
    const user = chat?.messages.find((m) => m.role === 'user')?.content ?? '';
    await qwen.getByTestId('model-tryout').locator('summary').click();
    await qwen.getByTestId('tryout-device-select').selectOption('wasm');
    await qwen.getByTestId('tryout-system').fill(system);
    await qwen.getByTestId('tryout-prompt').fill(user);
    await qwen.getByTestId('tryout-run').click();
    const ranOn = qwen.getByTestId('tryout-ran-on');
    await ranOn.waitFor({ timeout: 90_000 });
    expect(await ranOn.getAttribute('data-device')).toBe('wasm');
    const raw = JSON.parse((await qwen.getByTestId('tryout-raw').textContent()) ?? '{}') as {
      tokenIds: number[];
    };
    // Ends at <|endoftext|>, one of Qwen2.5's two EOS ids, well within Try it's 32 tokens.
    expect(raw.tokenIds).toEqual(chat?.q4.generated_ids);
    expectCleanSession(session);
    await session.close();
  });
});
