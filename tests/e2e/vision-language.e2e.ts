/**
 * The SmolVLM fixture (omnia-fixture-smolvlm, model_type idefics3), installed through the
 * Models view, in the built app in Chromium, against its numpy reference
 * (vision-language-reference.ts):
 * - chat, no chat model: the question typed with scene.png reaches the model, and the answer
 *   shown is the model's own, starting with the reference answer to that question; a second
 *   question about the same image gets its own, different, reference answer;
 * - Library: scene.png becomes an image document whose description is the reference answer to
 *   the adapter's default question, and a Library search for its words finds that document;
 * - WebGPU (SwiftShader): with 'auto' the model runs on WASM (a software adapter is not worth
 *   it: the Models view's verdict, which every worker follows); with "Run on: WebGPU" chosen in
 *   the chat header the vision worker runs it on webgpu (the catalog's q4 files, MatMulNBits
 *   included); both descriptions are the reference's.
 * The first two run without a WebGPU adapter, so the vision worker takes onnxruntime-web's
 * WASM path, as the numpy reference for the catalog's dtype is exact there.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { DESCRIPTION_SECTION } from '../../src/core/vision/image-document';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import { chooseDevice, dismissOfflineNotice } from './chat-helpers';
import { ask, documentRow, openLibrary, settledStatus, storeRows } from './library-helpers';
import { card, openModelsWithRelay, waitForStatus } from './models-helpers';
import {
  DEFAULT_QUESTION,
  expectReferenceAnswer,
  SMOLVLM,
  vlmAnswer,
  type VlmAnswer,
} from './vision-language-reference';

const appUrl = inject('appUrl');
const SCENE = 'scene.png';
const SCENE_PNG = resolve(`tests/fixtures/images/${SCENE}`);
const NOTES_TXT = 'tests/fixtures/library/notes.txt';

interface StoredMessage {
  id: string;
  role: string;
  parentId?: string;
  content: string;
  modelId?: string;
  createdAt: number;
  attachments?: { name: string; caption?: { text: string; modelId: string; question?: string } }[];
  generation?: { device?: string };
}

async function installSmolVlm(page: Page): Promise<void> {
  await openModelsWithRelay(page, appUrl);
  await card(page, SMOLVLM).getByTestId('model-install').click();
  await waitForStatus(page, SMOLVLM, 'installed');
}

async function openNewChat(page: Page): Promise<void> {
  await page.goto(`${appUrl}#/chat`);
  await page.waitForSelector('html[data-ready="true"]');
  await page.getByTestId('chat-input').waitFor();
  await dismissOfflineNotice(page);
}

function storedMessages(page: Page): Promise<StoredMessage[]> {
  return storeRows<StoredMessage>(page, 'messages', [
    'id',
    'role',
    'parentId',
    'content',
    'modelId',
    'createdAt',
    'attachments',
    'generation',
  ]);
}

/**
 * Sends scene.png with `question` (none: the image alone) and waits until the answer to it is
 * stored; returns the user turn and its answer as IndexedDB holds them.
 */
async function askAboutScene(
  page: Page,
  question: string,
): Promise<{ asked: StoredMessage; answer: StoredMessage }> {
  const before = (await storedMessages(page)).length;
  await page.getByTestId('composer-image-input').setInputFiles(SCENE_PNG);
  expect(await page.getByTestId('composer-attachment').getAttribute('data-name')).toBe(SCENE);
  await page.getByTestId('chat-input').fill(question);
  await page.getByTestId('chat-send').click();
  let turn: { asked: StoredMessage; answer: StoredMessage } | undefined;
  await expect
    .poll(
      async () => {
        const messages = (await storedMessages(page)).sort((a, b) => a.createdAt - b.createdAt);
        if (messages.length < before + 2) return false;
        const asked = messages.findLast((m) => m.role === 'user');
        const answer = messages.find((m) => m.role === 'assistant' && m.parentId === asked?.id);
        turn = asked && answer ? { asked, answer } : undefined;
        return turn !== undefined;
      },
      { timeout: 60_000, interval: 200 },
    )
    .toBe(true);
  if (!turn) throw new Error('unreachable: the poll above found the turn');
  return turn;
}

/** What the chat shows of a stored turn: the caption under its image and the answer's text. */
async function shownTurn(
  page: Page,
  askedId: string,
  answerId: string,
): Promise<{ caption: string; answer: string }> {
  const message = (id: string) =>
    page.locator(`[data-testid="chat-message"][data-message-id="${id}"]`);
  const caption = message(askedId).getByTestId('message-image-caption');
  const answer = message(answerId).getByTestId('message-content');
  await caption.waitFor({ timeout: 30_000 });
  await answer.waitFor({ timeout: 30_000 });
  return {
    caption: (await caption.textContent()) ?? '',
    answer: (await answer.textContent()) ?? '',
  };
}

/** The chat turn about scene.png answers `expected`, shown and stored, made by SmolVLM on `device`. */
async function expectSceneTurn(page: Page, expected: VlmAnswer, device: string): Promise<void> {
  // The default question is what the model is asked when the person types nothing.
  const typed = expected.question === DEFAULT_QUESTION ? '' : expected.question;
  const { asked, answer } = await askAboutScene(page, typed);
  // What was stored: the person's words, the image with the model's words (with the question
  // they answer, when the model read one), and those words as the answer (no chat model), by
  // SmolVLM, on `device`.
  expect(asked.content).toBe(typed);
  expect(asked.attachments?.map((a) => a.name)).toEqual([SCENE]);
  const caption = asked.attachments?.[0]?.caption;
  expect(caption?.modelId).toBe(SMOLVLM);
  expect(caption?.question).toBe(typed || undefined);
  expectReferenceAnswer(caption?.text, expected);
  expect(answer.modelId).toBe(SMOLVLM);
  expect(answer.content).toBe(caption?.text);
  expect(answer.generation?.device).toBe(device);
  // What is shown: the caption under the image, and the answer (its text, as markdown renders it).
  const shown = await shownTurn(page, asked.id, answer.id);
  expect(shown.caption.trim()).toBe(caption?.text);
  expectReferenceAnswer(shown.answer, expected);
}

describe('vision-language model (SmolVLM fixture) on WASM', () => {
  const browser = useBrowser({ webgpu: false });

  it('chat without a chat model: the question reaches SmolVLM and its reference answer is the answer', async () => {
    const dayOrNight = await vlmAnswer(SCENE, 'Is it day or night?');
    const whatIsIt = await vlmAnswer(SCENE, 'What is in this image?');
    // Two questions whose answers tell them apart, so the one that reached the model shows.
    expect(dayOrNight.prefix.startsWith(whatIsIt.prefix)).toBe(false);
    expect(whatIsIt.prefix.startsWith(dayOrNight.prefix)).toBe(false);

    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await installSmolVlm(page);
    await openNewChat(page);
    const started = Date.now();
    await expectSceneTurn(page, dayOrNight, 'wasm');
    await expectSceneTurn(page, whatIsIt, 'wasm');
    console.log(`[vision-language] chat: two answers in ${Date.now() - started} ms`);
    expectCleanSession(session);
    await session.close();
  });

  it('Library: scene.png is described with the default question and found by those words', async () => {
    const described = await vlmAnswer(SCENE, DEFAULT_QUESTION);
    const words = described.prefix.match(/[\p{L}\p{N}]{3,}/gu) ?? [];
    expect(
      words.length,
      `words to search for in ${JSON.stringify(described.prefix)}`,
    ).toBeGreaterThan(0);

    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await installSmolVlm(page);
    await openLibrary(page, appUrl);
    // Another document, so that the search has something to choose from.
    await page.getByTestId('library-file-input').setInputFiles([NOTES_TXT]);
    expect(await settledStatus(page, 'notes.txt')).toBe('ready');
    const started = Date.now();
    await page.getByTestId('library-file-input').setInputFiles([SCENE_PNG]);
    expect(await settledStatus(page, SCENE)).toBe('ready');
    console.log(`[vision-language] library: ${SCENE} ready in ${Date.now() - started} ms`);

    const imageId = await documentRow(page, SCENE).getAttribute('data-doc-id');
    const documents = await storeRows<{ id: string; kind: string }>(page, 'documents', [
      'id',
      'kind',
    ]);
    expect(documents.find((d) => d.id === imageId)?.kind).toBe('image');
    const chunks = (
      await storeRows<{ id: string; documentId: string; text: string; section?: string }>(
        page,
        'chunks',
        ['id', 'documentId', 'text', 'section'],
      )
    ).filter((c) => c.documentId === imageId);
    // No OCR model installed: the description is all the image document holds, one passage
    // that opens with its section's heading.
    expect(
      chunks.map((c) => c.section),
      'SmolVLM reads no text: with no OCR model, the image document has no "Text in the image"',
    ).toEqual([DESCRIPTION_SECTION]);
    const heading = `${DESCRIPTION_SECTION}\n\n`;
    expect(chunks[0]?.text.startsWith(heading)).toBe(true);
    expectReferenceAnswer(chunks[0]?.text.slice(heading.length), described);

    // The description's words find the image's passage first (keyword search: no embedder).
    const answer = await ask(page, words.join(' '));
    const found = await answer
      .getByTestId('library-passage')
      .evaluateAll((els) =>
        els.map((e) => [e.getAttribute('data-document-id'), e.getAttribute('data-chunk-id')]),
      );
    expect(found[0]).toEqual([imageId, chunks[0]?.id]);
    expectCleanSession(session);
    await session.close();
  });
});

describe('vision-language model (SmolVLM fixture) on WebGPU', () => {
  const browser = useBrowser({ webgpu: true });

  it('the vision worker runs SmolVLM on webgpu and describes scene.png with the reference answer', async () => {
    const described = await vlmAnswer(SCENE, DEFAULT_QUESTION);
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    const adapter = await page.evaluate(async () => {
      const found = await navigator.gpu?.requestAdapter();
      return found ? found.info.architecture : 'none';
    });
    expect(adapter).toMatch(/swiftshader/i);
    await installSmolVlm(page);
    await openNewChat(page);
    // 'auto' is the Models view's verdict: on a software adapter the model runs on WASM.
    await expectSceneTurn(page, described, 'wasm');
    // Forced in the chat header ("Run on"), the vision worker follows and runs it on WebGPU.
    await chooseDevice(page, 'webgpu');
    const started = Date.now();
    // The image alone: the model is asked the default question.
    await expectSceneTurn(page, described, 'webgpu');
    console.log(`[vision-language] webgpu: answered in ${Date.now() - started} ms`);
    expectCleanSession(session);
    await session.close();
  });
});
