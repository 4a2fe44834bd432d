/**
 * Steps the model browser tests share: turn on the developer flag (fixtures are hidden
 * otherwise), point the source at the relay serving the app, install a fixture from the
 * Models view, run it with Try it against the numpy reference, and read what really sits in
 * OPFS, independently of the app's code.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export const FIXTURES_DIR = 'tests/fixtures/models';

export interface FixtureFile {
  path: string;
  size: number;
  sha256: string;
}

interface Manifest {
  models: { id: string; files: FixtureFile[] }[];
}

export function fixtureFiles(modelId: string): FixtureFile[] {
  const manifest = JSON.parse(readFileSync(`${FIXTURES_DIR}/manifest.json`, 'utf8')) as Manifest;
  const model = manifest.models.find((m) => m.id === modelId);
  if (!model) throw new Error(`No fixture ${modelId}`);
  return model.files;
}

export async function enableDeveloperMode(page: Page): Promise<void> {
  await page.goto(page.url().replace(/#.*$/, '') + '#/settings');
  const box = page.getByRole('checkbox', { name: /developer/i });
  if (!(await box.isChecked())) await box.check();
}

/** Opens #/models with the relay that served the app as the model source. */
export async function openModelsWithRelay(page: Page, appUrl: string): Promise<void> {
  await enableDeveloperMode(page);
  await page.goto(`${appUrl}#/models`);
  await page.waitForSelector('html[data-ready="true"]');
  await page.getByTestId('model-source-url').fill(appUrl);
  await page.getByTestId('model-source-save').click();
  await page.waitForFunction(() =>
    /saved/i.test(
      document.querySelector('[data-testid="model-source-message"]')?.textContent ?? '',
    ),
  );
}

export function card(page: Page, modelId: string): Locator {
  return page.locator(`[data-testid="model-card"][data-model-id="${modelId}"]`);
}

export async function waitForStatus(
  page: Page,
  modelId: string,
  status: string,
  timeout = 60_000,
): Promise<void> {
  await page.waitForSelector(
    `[data-testid="model-card"][data-model-id="${modelId}"][data-status="${status}"]`,
    { timeout },
  );
}

/** Size and SHA-256 of every file the app stored for `modelId` in OPFS, read in the page. */
export function opfsFiles(
  page: Page,
  modelId: string,
): Promise<Record<string, { size: number; sha256: string }>> {
  return page.evaluate(async (id) => {
    const out: Record<string, { size: number; sha256: string }> = {};
    const root = await navigator.storage.getDirectory();
    let dir: FileSystemDirectoryHandle;
    try {
      dir = await (
        await root.getDirectoryHandle('omnia-models')
      ).getDirectoryHandle(encodeURIComponent(id));
    } catch {
      return out;
    }
    const walk = async (d: FileSystemDirectoryHandle, prefix: string): Promise<void> => {
      for await (const [name, handle] of d.entries()) {
        const path = prefix ? `${prefix}/${name}` : name;
        if (handle.kind === 'directory') await walk(handle, path);
        else {
          const file = await handle.getFile();
          const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
          out[path] = {
            size: file.size,
            sha256: [...new Uint8Array(digest)]
              .map((b) => b.toString(16).padStart(2, '0'))
              .join(''),
          };
        }
      }
    };
    await walk(dir, '');
    return out;
  }, modelId);
}

/** What the fixture's files must look like once installed. */
export function expectedOpfs(modelId: string): Record<string, { size: number; sha256: string }> {
  return Object.fromEntries(
    fixtureFiles(modelId).map((f) => [f.path, { size: f.size, sha256: f.sha256 }]),
  );
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Clicks Install on `modelId`'s card and waits until the model is installed. */
export async function installFixture(page: Page, modelId: string): Promise<void> {
  await card(page, modelId).getByTestId('model-install').click();
  await waitForStatus(page, modelId, 'installed');
}

/** A chat prompt of the fixture reference: its system and user text and the greedy ids. */
export interface ReferenceChatPrompt {
  system: string;
  user: string;
  generatedIds: number[];
}

type Turns = readonly { role: string; content: string }[];

function chatPrompt(
  messages: Turns | undefined,
  generatedIds: number[] | undefined,
): ReferenceChatPrompt {
  return {
    system: messages?.find((m) => m.role === 'system')?.content ?? '',
    user: messages?.find((m) => m.role === 'user')?.content ?? '',
    generatedIds: generatedIds ?? [],
  };
}

/** The fixture LM's chat prompt in reference.json, with its q8 greedy ids. */
export function referenceChatPrompt(): ReferenceChatPrompt {
  const reference = JSON.parse(readFileSync(`${FIXTURES_DIR}/reference.json`, 'utf8')) as {
    causal_lm: {
      prompts: { kind: string; messages?: Turns; q8: { generated_ids: number[] } }[];
    };
  };
  const chat = reference.causal_lm.prompts.find((p) => p.kind === 'chat');
  return chatPrompt(chat?.messages, chat?.q8.generated_ids);
}

/** An architecture fixture's chat prompt in reference-text-arch.json, with its q4 greedy ids. */
export function textArchChatPrompt(modelId: string): ReferenceChatPrompt {
  const reference = JSON.parse(
    readFileSync(`${FIXTURES_DIR}/reference-text-arch.json`, 'utf8'),
  ) as {
    chat: Record<string, { chat: { messages: Turns; q4: { generated_ids: number[] } } }>;
  };
  const chat = reference.chat[modelId]?.chat;
  return chatPrompt(chat?.messages, chat?.q4.generated_ids);
}

/**
 * Runs Try it on `modelId`'s card on `device` with `prompt`'s system and user text, waits
 * until it has run there (`timeout`), and returns the token ids it generated.
 */
export async function tryOut(
  page: Page,
  modelId: string,
  device: 'wasm' | 'webgpu',
  prompt: Pick<ReferenceChatPrompt, 'system' | 'user'>,
  timeout = 90_000,
): Promise<number[]> {
  const model = card(page, modelId);
  const details = model.getByTestId('model-tryout');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  await model.getByTestId('tryout-device-select').selectOption(device);
  await model.getByTestId('tryout-system').fill(prompt.system);
  await model.getByTestId('tryout-prompt').fill(prompt.user);
  await model.getByTestId('tryout-run').click();
  const ranOn = model.getByTestId('tryout-ran-on');
  await ranOn.waitFor({ timeout });
  expect(await ranOn.getAttribute('data-device')).toBe(device);
  const raw = JSON.parse((await model.getByTestId('tryout-raw').textContent()) ?? '{}') as {
    tokenIds: number[];
  };
  return raw.tokenIds;
}
