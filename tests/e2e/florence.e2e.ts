/**
 * The Florence-2 fixture (omnia-fixture-florence2, model_type florence2), installed through the
 * Models view, in the built app in Chromium on WASM, against its numpy reference
 * (reference-florence2.json, whose cases hold the exact greedy ids and the text after
 * post-processing):
 * - Library, no OCR language installed: scene.png becomes an image document whose description
 *   is Florence-2's <MORE_DETAILED_CAPTION> and whose "Text in the image" is its <OCR> answer
 *   (the OCR helper), and a search for the OCR words finds that passage first; a scanned PDF's
 *   page 2 is read by Florence-2 too (no reference for a rendered page: it must give text there);
 * - chat, no chat model: a question with scene.png gets Florence-2's detailed description as the
 *   answer, labelled as a description (Florence-2 reads no free question), never as an answer to
 *   the question.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { DESCRIPTION_SECTION, IMAGE_TEXT_SECTION } from '../../src/core/vision/image-document';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import { dismissOfflineNotice } from './chat-helpers';
import { ask, documentRow, openLibrary, settledStatus, storeRows } from './library-helpers';
import { card, openModelsWithRelay, waitForStatus } from './models-helpers';

const appUrl = inject('appUrl');
const browser = useBrowser({ webgpu: false });
const FLORENCE = 'omnia-fixture-florence2';
const SCENE = 'scene.png';
const SCENE_PNG = resolve(`tests/fixtures/images/${SCENE}`);
const NOTES_TXT = 'tests/fixtures/library/notes.txt';

interface ReferenceCase {
  image: string;
  task: string;
  text: string;
}

/** Florence-2's reference answer for `task` on scene.png, as post_process_generation gives it. */
function referenceText(task: string): string {
  const reference = JSON.parse(
    readFileSync('tests/fixtures/models/reference-florence2.json', 'utf8'),
  ) as { model: string; cases: ReferenceCase[] };
  expect(reference.model).toBe(FLORENCE);
  const found = reference.cases.find((c) => c.image.endsWith(`/${SCENE}`) && c.task === task);
  if (!found) throw new Error(`reference-florence2.json has no ${task} case for ${SCENE}`);
  return found.text.trim();
}

interface Chunk {
  id: string;
  documentId: string;
  text: string;
  section?: string;
}

interface StoredMessage {
  id: string;
  role: string;
  parentId?: string;
  content: string;
  modelId?: string;
  attachments?: { name: string; caption?: { text: string; modelId: string; question?: string } }[];
}

async function installFlorence(page: Page): Promise<void> {
  await openModelsWithRelay(page, appUrl);
  await card(page, FLORENCE).getByTestId('model-install').click();
  await waitForStatus(page, FLORENCE, 'installed');
}

/** The passage of `section`, with the section heading the chunker puts in front taken off. */
function sectionText(chunks: readonly Chunk[], section: string): string | undefined {
  const chunk = chunks.find((c) => c.section === section);
  const heading = `${section}\n\n`;
  return chunk?.text.startsWith(heading) ? chunk.text.slice(heading.length) : chunk?.text;
}

describe('Florence-2 fixture in the Library and the chat (WASM)', () => {
  it('describes and reads scene.png in the Library, and describes it in the chat', async () => {
    const detailed = referenceText('<MORE_DETAILED_CAPTION>');
    const ocr = referenceText('<OCR>');
    expect(detailed).not.toBe(ocr);

    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await installFlorence(page);

    // Library: the description and the text in the image, both from Florence-2.
    await openLibrary(page, appUrl);
    await page.getByTestId('library-file-input').setInputFiles([NOTES_TXT]);
    expect(await settledStatus(page, 'notes.txt')).toBe('ready');
    await page.getByTestId('library-file-input').setInputFiles([SCENE_PNG]);
    expect(await settledStatus(page, SCENE)).toBe('ready');
    const imageId = await documentRow(page, SCENE).getAttribute('data-doc-id');
    const chunks = (
      await storeRows<Chunk>(page, 'chunks', ['id', 'documentId', 'text', 'section'])
    ).filter((c) => c.documentId === imageId);
    expect(chunks.map((c) => c.section).sort()).toEqual(
      [DESCRIPTION_SECTION, IMAGE_TEXT_SECTION].sort(),
    );
    expect(sectionText(chunks, DESCRIPTION_SECTION)).toBe(detailed);
    expect(sectionText(chunks, IMAGE_TEXT_SECTION)).toBe(ocr);
    // Nothing was left out: no note asks for an OCR language.
    expect(await documentRow(page, SCENE).getByTestId('library-doc-warning').count()).toBe(0);
    const answer = await ask(page, ocr);
    const top = answer.getByTestId('library-passage').first();
    expect(await top.getAttribute('data-document-id')).toBe(imageId);
    expect(await top.getAttribute('data-chunk-id')).toBe(
      chunks.find((c) => c.section === IMAGE_TEXT_SECTION)?.id,
    );

    // A scanned PDF: page 2 has no text layer; Florence-2 reads it (no tesseract installed).
    await page.getByTestId('library-file-input').setInputFiles(['tests/fixtures/ocr/scanned.pdf']);
    expect(await settledStatus(page, 'scanned.pdf', 120_000)).toBe('ready');
    const pdfId = await documentRow(page, 'scanned.pdf').getAttribute('data-doc-id');
    const pdfChunks = (
      await storeRows<Chunk & { page?: number }>(page, 'chunks', ['documentId', 'text', 'page'])
    ).filter((c) => c.documentId === pdfId);
    expect(pdfChunks.filter((c) => c.page === 2 && c.text.trim() !== '').length).toBeGreaterThan(0);
    const [pdf] = (
      await storeRows<{ id: string; pagesNeedingOcr?: number[] }>(page, 'documents', [
        'id',
        'pagesNeedingOcr',
      ])
    ).filter((d) => d.id === pdfId);
    expect(pdf?.pagesNeedingOcr).toBeUndefined();

    // Chat, no chat model: a question gets the detailed description, labelled as one.
    await page.goto(`${appUrl}#/chat`);
    await page.waitForSelector('html[data-ready="true"]');
    await page.getByTestId('chat-input').waitFor();
    await dismissOfflineNotice(page);
    await page.getByTestId('composer-image-input').setInputFiles(SCENE_PNG);
    await page.getByTestId('chat-input').fill('Is it day or night?');
    await page.getByTestId('chat-send').click();
    const caption = page.getByTestId('message-image-caption').first();
    await caption.waitFor({ timeout: 60_000 });
    expect((await caption.textContent())?.trim()).toBe(detailed);
    expect(await page.getByTestId('message-image-caption-by').first().textContent()).toMatch(
      /^Description by /,
    );
    let turn: { asked?: StoredMessage; answer?: StoredMessage } = {};
    await expect
      .poll(
        async () => {
          const messages = await storeRows<StoredMessage>(page, 'messages', [
            'id',
            'role',
            'parentId',
            'content',
            'modelId',
            'attachments',
          ]);
          const asked = messages.find((m) => m.role === 'user');
          const answered = messages.find((m) => m.role === 'assistant' && m.parentId === asked?.id);
          turn = { asked, answer: answered };
          return answered !== undefined;
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    expect(turn.asked?.attachments?.[0]?.caption).toEqual({ text: detailed, modelId: FLORENCE });
    expect(turn.answer).toMatchObject({ content: detailed, modelId: FLORENCE });
    expectCleanSession(session);
    await session.close();
  });
});
