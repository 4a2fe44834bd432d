/**
 * Steps the model browser tests share: turn on the developer flag (fixtures are hidden
 * otherwise), point the source at the relay serving the app, install a fixture from the
 * Models view, and read what really sits in OPFS, independently of the app's code.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';

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
