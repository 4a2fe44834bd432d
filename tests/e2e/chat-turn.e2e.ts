/**
 * A chat turn in a real browser with the fixture LM, on WASM and on WebGPU (SwiftShader):
 * the answer streams from the inference worker, carries the exact reference token ids, is
 * stored with its stats, survives a reload and works offline; stop keeps what was written.
 */
import { describe, expect, inject, it } from 'vitest';
import {
  expectCleanSession,
  gotoApp,
  newSession,
  useBrowser,
  waitForServiceWorker,
} from './browser';
import {
  answers,
  chooseDevice,
  finishedAnswer,
  installLmAndOpenChat,
  referenceIds,
  send,
  SHORT_PERSONA,
  storedMessages,
  tokenIdsOf,
} from './chat-helpers';

const appUrl = inject('appUrl');
const browser = useBrowser();

describe('chat: a full turn', () => {
  it.each(['wasm', 'webgpu'] as const)(
    'on %s: streams the reference answer, stores it, survives reload, works offline',
    async (device) => {
      const session = await newSession(browser(), appUrl);
      const page = await gotoApp(session, appUrl);
      await waitForServiceWorker(page);
      await installLmAndOpenChat(page, appUrl);
      await chooseDevice(page, device);

      const question = 'hello there';
      const system = { role: 'system' as const, content: SHORT_PERSONA.systemPrompt };
      const expected = await referenceIds([system, { role: 'user', content: question }], 24);
      await send(page, question);
      const first = await finishedAnswer(page, 1);
      expect(await tokenIdsOf(first)).toEqual(expected);
      await expect
        .poll(() => page.getByTestId('chat-ran-on').getAttribute('data-device'))
        .toBe(device);
      expect(page.url()).toMatch(/#\/chat\/[\w-]+$/);

      const stored = await storedMessages(page);
      const answer = stored.find((m) => m.role === 'assistant');
      const user = stored.find((m) => m.role === 'user');
      expect(user?.content).toBe(question);
      expect(answer?.parentId).toBe(user?.id);
      expect(answer?.personaId).toBe(SHORT_PERSONA.id);
      expect(answer?.tokens?.completion).toBe(expected.length);
      expect(answer?.generation).toMatchObject({ device, droppedTurns: 0 });
      expect(answer?.timings?.totalMs).toBeGreaterThan(0);
      const shownText = (await first.getByTestId('message-content').innerText()).trim();
      expect(answer?.content.replace(/\s+/g, ' ').trim()).toContain(
        shownText.replace(/\s+/g, ' ').slice(0, 10),
      );

      // Reload: the conversation comes back from IndexedDB.
      await page.reload();
      await page.waitForSelector('html[data-ready="true"]');
      await expect.poll(() => answers(page).count()).toBe(1);
      await expect.poll(() => page.getByTestId('chat-title').textContent()).toMatch(/hello there/i);

      // Offline: the app, its worker, onnxruntime and the model all come from this device.
      await session.context.setOffline(true);
      await page.reload();
      await page.waitForSelector('html[data-ready="true"]');
      await chooseDevice(page, device);
      const second = 'and again';
      const expectedSecond = await referenceIds(
        [
          system,
          { role: 'user', content: question },
          { role: 'assistant', content: answer?.content ?? '' },
          { role: 'user', content: second },
        ],
        24,
      );
      await send(page, second);
      const reply = await finishedAnswer(page, 2);
      expect(await tokenIdsOf(reply)).toEqual(expectedSecond);
      await session.context.setOffline(false);
      expectCleanSession(session);
      await session.close();
    },
  );
});
