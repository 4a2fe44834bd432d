/**
 * Prompt Studio in a real browser with the fixture LM on WASM: two versions of a template are
 * written in the editor, a test run of 2 versions × 1 model runs as a job, and each stored
 * output carries exactly the token ids the same model gives for that rendered prompt in Node
 * (onnxruntime-node, greedy). Templates export as JSON and re-import without duplicates; a bad
 * file is refused with a reason. A run whose tab is killed (CDP Page.crash) resumes when the
 * Studio opens again, redoing no stored output. Then the chat's `/` menu fills a template's form
 * and sends the rendered prompt as an ordinary message, answered with the reference ids. No
 * request leaves 127.0.0.1.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Job, PromptOutputRow, PromptRunRow } from '../../src/storage';
import type { ChatMessage } from '../../src/storage/types';
import { expectCleanSession, gotoApp, newSession, useBrowser, type AppSession } from './browser';
import {
  chooseDevice,
  finishedAnswer,
  installLmAndOpenChat,
  LM,
  openChat,
  referenceIds,
  SHORT_PERSONA,
  tokenIdsOf,
} from './chat-helpers';
import { seriousViolations } from './axe';
import { dumpDatabase } from './idb';

const appUrl = inject('appUrl');
const browser = useBrowser();
const MAX_TOKENS = 16;

let session: AppSession;
let page: Page;
const requested: string[] = [];

beforeAll(async () => {
  session = await newSession(browser(), appUrl);
  session.context.on('request', (r) => requested.push(r.url()));
  page = await gotoApp(session, appUrl);
  await installLmAndOpenChat(page, appUrl);
}, 180_000);

afterAll(async () => {
  await session?.close();
});

async function saveVersion(body: string, note: string): Promise<void> {
  await page.getByTestId('template-body').fill(body);
  const add = page.getByTestId('add-used-word');
  if (await add.isVisible()) await add.click();
  await page.getByTestId('version-note').fill(note);
  await page.getByTestId('save-version').click();
  await expect
    .poll(() => page.getByTestId('editor-message').textContent())
    .toMatch(/Saved version/);
}

describe('Prompt Studio', () => {
  it('runs 2 versions × 1 model as a job; stored outputs carry the engine’s own token ids', async () => {
    await page.goto(`${appUrl}#/prompts`);
    await page.getByTestId('new-template').click();
    await page.getByTestId('template-name').fill('Say it');
    await page.getByTestId('template-name').dispatchEvent('change');
    await saveVersion('Say {{word}} please.', 'first');
    await saveVersion('Tell me about {{word}}.', 'second');
    // A template with an undeclared variable cannot be saved, and says why.
    await page.getByTestId('template-body').fill('Hi {{who}}');
    await expect
      .poll(() => page.getByTestId('prompt-problems').textContent())
      .toMatch(/\{\{who\}\} is used but not declared/);

    await page.getByTestId('tab-history').click();
    await expect.poll(() => page.getByTestId('version-item').count()).toBe(2);
    await page.getByTestId('version-diff').waitFor();
    expect(await seriousViolations(page), 'history').toEqual([]);

    await page.getByTestId('tab-runs').click();
    await page.getByTestId('new-run').locator('summary').click();
    await page.getByTestId('run-version-1').check();
    await expect(page.getByTestId('run-version-2').isChecked()).resolves.toBe(true);
    await page.getByTestId(`run-model-${LM}`).check();
    await page.getByTestId('run-device').selectOption('wasm');
    await page.getByTestId('run-temperature').fill('0');
    await page.getByTestId('run-max-tokens').fill(String(MAX_TOKENS));
    await page.getByTestId('run-set').getByTestId('var-word').fill('cats');
    await page.getByTestId('start-run').click();
    const results = page.getByTestId('run-results');
    await expect
      .poll(() => results.getByTestId('run-status').getAttribute('data-status'), {
        timeout: 90_000,
      })
      .toBe('done');

    const dump = await dumpDatabase(page);
    const outputs = (dump['promptOutputs'] as PromptOutputRow[]).sort(
      (a, b) => a.versionNumber - b.versionNumber,
    );
    const [run] = dump['promptRuns'] as PromptRunRow[];
    const job = (dump['jobs'] as Job[]).find((j) => j.id === run?.id);
    expect(job).toMatchObject({ kind: 'prompt-test-run', status: 'done', progress: 1 });
    expect(outputs.map((o) => o.prompt)).toEqual(['Say cats please.', 'Tell me about cats.']);
    for (const output of outputs) {
      const expected = await referenceIds([{ role: 'user', content: output.prompt }], MAX_TOKENS);
      expect(expected.length).toBeGreaterThan(0);
      expect(output.tokenIds, `v${output.versionNumber}`).toEqual(expected);
      expect(output).toMatchObject({
        status: 'done',
        modelId: LM,
        engine: 'transformers',
        device: 'wasm',
        seed: null,
        params: { temperature: 0, maxNewTokens: MAX_TOKENS },
        completionTokens: expected.length,
        attempt: 1,
      });
      expect(output.tokensPerSecond).toBeGreaterThan(0);
      const cell = results.locator(
        `[data-testid="run-row"][data-version="${output.versionNumber}"]`,
      );
      expect(await cell.getByTestId('run-cell').getAttribute('data-token-ids')).toBe(
        expected.join(','),
      );
    }
    // The two versions' outputs differ only if their prompts did: both rows are shown.
    await expect.poll(() => results.getByTestId('run-output').count()).toBe(2);
    expect(await seriousViolations(page), 'test runs').toEqual([]);

    // Rerunning a row adds a second attempt with the same (greedy) ids.
    await results
      .locator('[data-testid="run-row"][data-version="1"]')
      .getByTestId('rerun-row')
      .click();
    await expect
      .poll(
        () =>
          results
            .locator('[data-testid="run-row"][data-version="1"] [data-testid="run-cell"]')
            .getAttribute('data-attempt'),
        { timeout: 60_000 },
      )
      .toBe('2');
    const after = (await dumpDatabase(page))['promptOutputs'] as PromptOutputRow[];
    const rerun = after.find((o) => o.versionNumber === 1 && o.attempt === 2);
    expect(rerun?.tokenIds).toEqual(outputs[0]?.tokenIds);
  });

  it('exports templates as JSON, re-imports without duplicating, and refuses a bad file clearly', async () => {
    await page.goto(`${appUrl}#/prompts`);
    await page.getByTestId('template-link').first().waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-templates').click(),
    ]);
    const text = readFileSync((await download.path()) ?? '', 'utf8');
    const file = JSON.parse(text) as { format: string; templates: { versions: unknown[] }[] };
    expect(file.format).toBe('omnia-prompts');
    expect(file.templates[0]?.versions).toHaveLength(2);

    const input = page.getByTestId('import-templates-input');
    const message = page.getByTestId('import-message');
    await input.setInputFiles({
      name: 'p.json',
      mimeType: 'application/json',
      buffer: Buffer.from(text),
    });
    await expect.poll(() => message.textContent()).toMatch(/Nothing new/);
    await input.setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{oops'),
    });
    await expect.poll(() => message.textContent()).toMatch(/not valid JSON/);
    const broken = text.replace('Say {{word}} please.', 'Say {{word please.');
    await input.setInputFiles({
      name: 'b.json',
      mimeType: 'application/json',
      buffer: Buffer.from(broken),
    });
    await expect
      .poll(() => message.textContent())
      .toMatch(/Template 1 \(“Say it”\), version 1: Line 1, column 5: \{\{ is never closed/);
    expect(await page.getByTestId('template-link').count()).toBe(1);
  });

  it('resumes a test run after the tab is killed, without redoing a stored output', async () => {
    const link = page.getByTestId('template-link').first();
    await link.click();
    await page.getByTestId('tab-runs').click();
    await page.getByTestId('new-run').locator('summary').click();
    await page.getByTestId('run-version-1').check();
    await page.getByTestId('run-device').selectOption('wasm');
    await page.getByTestId('run-max-tokens').fill('64');
    const words = ['cats', 'dogs', 'rain', 'tea', 'maps', 'boats', 'songs', 'bread'];
    for (let i = 1; i < words.length; i += 1) await page.getByTestId('add-set').click();
    const sets = page.getByTestId('run-set');
    for (const [i, word] of words.entries()) await sets.nth(i).getByTestId('var-word').fill(word);
    const total = 2 * words.length;
    const results = page.getByTestId('run-results');
    const previous = await results.getAttribute('data-run-id');
    await page.getByTestId('start-run').click();
    await expect.poll(() => results.getAttribute('data-run-id')).not.toBe(previous);
    const outputsOf = async (p: Page, runId: string): Promise<PromptOutputRow[]> =>
      ((await dumpDatabase(p))['promptOutputs'] as PromptOutputRow[]).filter(
        (o) => o.runId === runId,
      );
    const runId = (await results.getAttribute('data-run-id')) ?? '';
    await expect
      .poll(async () => (await outputsOf(page, runId)).length, { interval: 20 })
      .toBeGreaterThan(0);
    const cdp = await session.context.newCDPSession(page);
    const crashed = page.waitForEvent('crash');
    void cdp.send('Page.crash').catch(() => undefined);
    await crashed;

    const reopened = await session.context.newPage();
    await reopened.goto(`${appUrl}#/prompts`);
    await reopened.waitForSelector('html[data-ready="true"]');
    const atCrash = await outputsOf(reopened, runId);
    expect(atCrash.length, 'the run was still going when the tab died').toBeLessThan(total);
    await expect
      .poll(
        async () =>
          ((await dumpDatabase(reopened))['jobs'] as Job[]).find((j) => j.id === runId)?.status,
        {
          timeout: 90_000,
        },
      )
      .toBe('done');
    const after = await outputsOf(reopened, runId);
    expect(after).toHaveLength(total);
    const cells = new Set(after.map((o) => `${o.versionId}/${o.setIndex}`));
    expect(cells.size).toBe(total);
    for (const done of atCrash) expect(after.find((o) => o.id === done.id)).toEqual(done);
    page = reopened;
  });

  it('sends a `/` template from the chat as an ordinary message', async () => {
    await openChat(page, appUrl);
    await chooseDevice(page, 'wasm');
    const input = page.getByTestId('chat-input');
    await input.fill('/say');
    await page.getByTestId('slash-menu').waitFor();
    // Escape hides the menu and keeps the text; it shows again for a new "/".
    await input.press('Escape');
    await page.getByTestId('slash-menu').waitFor({ state: 'detached' });
    expect(await input.inputValue()).toBe('/say');
    await input.fill('');
    await input.fill('/say');
    await page.getByTestId('slash-menu').waitFor();
    await expect.poll(() => page.getByTestId('slash-item').count()).toBe(1);
    expect(await seriousViolations(page), 'slash menu').toEqual([]);
    await input.press('Enter');
    const form = page.getByTestId('slash-form');
    await form.waitFor();
    expect(await seriousViolations(page), 'slash form').toEqual([]);
    await form.getByTestId('var-word').fill('dogs');
    await form.getByTestId('slash-send').click();

    const rendered = 'Tell me about dogs.';
    const answer = await finishedAnswer(page, 1);
    const expected = await referenceIds(
      [
        { role: 'system', content: SHORT_PERSONA.systemPrompt },
        { role: 'user', content: rendered },
      ],
      24,
    );
    expect(await tokenIdsOf(answer)).toEqual(expected);
    const messages = (await dumpDatabase(page))['messages'] as ChatMessage[];
    expect(messages.find((m) => m.role === 'user')?.content).toBe(rendered);
    expect(await input.inputValue()).toBe('');

    expectCleanSession(session);
    const hosts = requested
      .filter((u) => !u.startsWith('data:') && !u.startsWith('blob:'))
      .map((u) => new URL(u).hostname);
    expect(hosts.length).toBeGreaterThan(0);
    expect(new Set(hosts)).toEqual(new Set(['127.0.0.1']));
  });
});
