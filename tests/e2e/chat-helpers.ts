/**
 * Shared by the chat browser tests: install the fixture LM through the Models view, give the
 * chat a persona short enough for the fixture's 128-token window, send and read turns, and
 * compute the exact reference answer in Node with the same model on onnxruntime-node (greedy
 * decoding is deterministic, so the browser must produce the very same token ids).
 */
import { OFFLINE_READY_SHOWN_MS } from '../../src/app/state/pwa-timing';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { getModel } from '../../src/models/catalog';
import { loadTransformersChat } from '../../src/models/engines/transformers/transformers-chat';
import type { ChatEngine, ChatTurn } from '../../src/models/engines/types';
import { diskSource } from '../unit/models/engines/fixture-files';
import type { ChatMessage } from '../../src/storage/types';
import { dumpDatabase, seedDatabase } from './idb';
import { card, openModelsWithRelay, waitForStatus } from './models-helpers';

export const LM = 'omnia-fixture-causal-lm';
export const SHORT_PERSONA = {
  id: 'custom-short',
  name: 'Short',
  systemPrompt: 'Be brief.',
  createdAt: 1,
};
export const PIRATE_PERSONA = {
  id: 'custom-pirate',
  name: 'Pirate',
  systemPrompt: 'Talk like a pirate.',
  createdAt: 2,
};

/** Developer mode on, the relay as source, the fixture LM installed; then the chat opens. */
export async function installLmAndOpenChat(
  page: Page,
  appUrl: string,
  params = { temperature: 0, topP: 0.9, maxNewTokens: 24 },
): Promise<void> {
  await openModelsWithRelay(page, appUrl);
  await card(page, LM).getByTestId('model-install').click();
  await waitForStatus(page, LM, 'installed');
  await seedDatabase(page, {
    settings: [
      { key: 'customPersonas', value: [SHORT_PERSONA, PIRATE_PERSONA] },
      { key: 'chatDefaults', value: { personaId: SHORT_PERSONA.id, params } },
    ],
  });
  await openChat(page, appUrl);
}

export async function openChat(page: Page, appUrl: string, conversationId?: string): Promise<void> {
  await page.goto(`${appUrl}#/chat${conversationId ? `/${conversationId}` : ''}`);
  await page.reload();
  await page.waitForSelector('html[data-ready="true"]');
  await page.getByTestId('chat-input').waitFor();
}

export async function chooseDevice(page: Page, device: 'wasm' | 'webgpu' | 'auto'): Promise<void> {
  await page.getByTestId('chat-device-select').selectOption(device);
}

export async function send(page: Page, text: string): Promise<void> {
  await page.getByTestId('chat-input').fill(text);
  await page.getByTestId('chat-send').click();
}

export function answers(page: Page): Locator {
  return page.locator('[data-testid="chat-message"][data-role="assistant"]');
}

/** Waits for the `n`th answer in the DOM (1-based; 'last' for the newest) to finish. */
export async function finishedAnswer(page: Page, n: number | 'last'): Promise<Locator> {
  const answer = n === 'last' ? answers(page).last() : answers(page).nth(n - 1);
  const error = page.getByTestId('chat-error');
  await Promise.race([
    answer.locator('[data-testid="message-stats"]').waitFor({ timeout: 60_000 }),
    error.waitFor({ timeout: 60_000 }).then(async () => {
      throw new Error(`The chat showed an error: ${await error.textContent()}`);
    }),
  ]);
  await expect.poll(() => answer.getAttribute('data-streaming'), { timeout: 60_000 }).toBe('false');
  await expect.poll(() => page.getByTestId('chat-send').isVisible()).toBe(true);
  return answer;
}

export async function tokenIdsOf(answer: Locator): Promise<number[]> {
  await expect.poll(() => answer.getAttribute('data-token-ids')).not.toBeNull();
  const raw = (await answer.getAttribute('data-token-ids')) ?? '';
  return raw === '' ? [] : raw.split(',').map(Number);
}

let engine: Promise<ChatEngine> | undefined;

/** The fixture LM in Node (onnxruntime-node, CPU): the reference the browser must match. */
export function referenceEngine(): Promise<ChatEngine> {
  engine ??= loadTransformersChat({ entry: getModel(LM), files: diskSource(LM), device: 'cpu' });
  return engine;
}

export async function referenceIds(turns: ChatTurn[], maxNewTokens: number): Promise<number[]> {
  const result = await (await referenceEngine()).generate(turns, { maxNewTokens });
  return result.tokenIds ?? [];
}

/** Every message the app stored, read with the raw IndexedDB API (in key order). */
export async function storedMessages(page: Page): Promise<ChatMessage[]> {
  return (await dumpDatabase(page))['messages'] as ChatMessage[];
}

/** The "ready to work offline" notice can sit over what a test clicks: dismiss it. */
export async function dismissOfflineNotice(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const notice = page.getByTestId('offline-ready');
  // Shown once per service worker install: a reload with the worker in control has none.
  const shown = await notice.waitFor({ timeout: 5_000 }).then(
    () => true,
    () => false,
  );
  if (!shown) return;
  // It also goes by itself (OFFLINE_READY_SHOWN_MS): a click that finds it gone is fine.
  await notice
    .getByRole('button')
    .click({ timeout: 5_000 })
    .catch(() => undefined);
  await notice.waitFor({ state: 'detached', timeout: OFFLINE_READY_SHOWN_MS + 5_000 });
}
