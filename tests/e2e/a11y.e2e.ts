/** axe-core on every view, light and dark, English and Portuguese: no serious or critical issue. */
import { describe, expect, inject, it } from 'vitest';
import { seriousViolations } from './axe';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';

const appUrl = inject('appUrl');
const VIEWS = [
  '',
  'library',
  'research',
  'prompts',
  'transcribe',
  'models',
  'settings',
  'system',
] as const;
const browser = useBrowser();

describe('accessibility', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const locale of ['en-US', 'pt-BR']) {
      it(`has no serious violations on any view (${colorScheme}, ${locale})`, async () => {
        const session = await newSession(browser(), appUrl, { colorScheme, locale });
        const page = await gotoApp(session, appUrl);
        expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe(
          colorScheme,
        );
        for (const view of VIEWS) {
          await page.goto(`${appUrl}#/${view}`);
          await page.waitForSelector(`main[data-route="${view || 'home'}"] h1`);
          expect(await seriousViolations(page), `view "${view || 'home'}"`).toEqual([]);
        }
        expectCleanSession(session);
        await session.close();
      });
    }
  }

  it('the delete-all confirmation dialog is accessible and keeps focus on Cancel', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl, 'settings');
    await page.getByRole('button', { name: 'Delete all my data' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete all your data?' });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Cancel');
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expectCleanSession(session);
    await session.close();
  });
});
