/**
 * A Prompt Studio template shared by link, in Chromium against the built app: Share on the
 * template opens the share dialog (version in use by default, or all versions with notes;
 * personal data in a note masked); the link opens in a fresh profile as a read-only preview,
 * its body as text (markup in it stays characters), with no request beyond the app's own files
 * and no IndexedDB write; Import adds it to Prompt Studio with new ids and every shared version,
 * and takes the payload out of the address bar; the same template again arrives as " (2)".
 * A template link that breaks the schema says which field, in pt-BR.
 */
import { deflateRawSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { decodeShare } from '../../src/core/share/link';
import { templateContent } from '../../src/core/share/prompt-template';
import type { PromptTemplateRow, PromptVersionRow } from '../../src/storage';
import { seriousViolations } from './axe';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import { dumpDatabase, seedDatabase } from './idb';
import { expectOnlyAppFiles, idbWrites, openAsRecipient, linkBody } from './share-helpers';
import { storedTemplate } from '../unit/core/share/template-fixtures';

const appUrl = inject('appUrl');
const browser = useBrowser();

/** The fixture template, with markup in its description and an e-mail in a note. */
function senderTemplate(): ReturnType<typeof storedTemplate> {
  const item = storedTemplate();
  item.template.description = 'Resume uma política. <img src=x onerror="window.__xss=1">';
  item.versions[0]!.note = 'first draft, ask ana.souza@exemplo.com.br';
  return item;
}

async function createLink(page: Page): Promise<string> {
  await page.getByTestId('share-create').click();
  await page.getByTestId('share-result').waitFor();
  return page.getByTestId('share-link').inputValue();
}

describe('share a prompt template', () => {
  it('shares from Prompt Studio; the preview writes and fetches nothing; Import adds it with new ids', async () => {
    const sender = await newSession(browser(), appUrl);
    const page = await gotoApp(sender, appUrl, 'prompts');
    const item = senderTemplate();
    await seedDatabase(page, { promptTemplates: [item.template], promptVersions: item.versions });
    await page.goto(`${appUrl}#/prompts/${item.template.id}`);
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    await page.getByTestId('share-template').click();
    await page.getByTestId('share-dialog').waitFor();
    // The version in use alone by default: the note with the e-mail is not in it.
    expect(await page.getByTestId('share-scope-in-use').isChecked()).toBe(true);
    expect(await page.getByTestId('share-pii').getAttribute('data-count')).toBe('0');
    const inUseLink = await createLink(page);
    await page.getByTestId('share-scope-all').check();
    expect(await page.getByTestId('share-result').count()).toBe(0);
    const pii = page.getByTestId('share-pii');
    expect(await pii.getAttribute('data-count')).toBe('1');
    await page.getByTestId('share-pii-mask-all').click();
    expect(await pii.getAttribute('data-count')).toBe('0');
    const allLink = await createLink(page);
    expect(await seriousViolations(page), 'template share dialog').toEqual([]);
    const length = Number(await page.getByTestId('share-length').getAttribute('data-length'));
    console.log(`template links: in use only ${inUseLink.length}, all 3 versions ${length} chars`);
    const inUse = await decodeShare(linkBody(inUseLink));
    const all = await decodeShare(linkBody(allLink));
    if (all.kind !== 'prompt-template' || inUse.kind !== 'prompt-template') throw new Error('kind');
    expect(inUse.content.versions.map((v) => v.number)).toEqual([2]);
    expect(all.content.versions.map((v) => v.number)).toEqual([1, 2, 3]);
    expect(all.provenance.models).toEqual([]);
    expect(JSON.stringify(all)).not.toContain('ana.souza');
    expect(all.content.versions[1]).toEqual(templateContent(item, 'all')?.versions[1]);
    expectCleanSession(sender);
    await sender.close();

    const { recipient, requests } = await openAsRecipient(browser(), appUrl, allLink);
    const view = recipient.page;
    const preview = view.getByTestId('share-preview');
    await preview.waitFor();
    expect(await preview.getAttribute('data-kind')).toBe('prompt-template');
    expect(await view.getByTestId('share-preview-title').innerText()).toBe(item.template.name);
    expect(await view.getByTestId('share-preview-version').count()).toBe(3);
    expect(await view.getByTestId('share-preview-body').nth(1).innerText()).toBe(
      item.versions[1]!.body,
    );
    expect(await view.getByTestId('share-preview-variable').count()).toBe(1 + 3 + 1);
    // Markup in the template is text: no element was made from it, nothing ran.
    expect(await view.getByTestId('share-preview-description').innerText()).toContain('<img');
    expect(await preview.locator('img').count()).toBe(0);
    expect(await view.evaluate(() => 'xss' in window || '__xss' in window)).toBe(false);
    expect(await seriousViolations(view), 'template preview').toEqual([]);
    await view.waitForTimeout(1_000);
    expectOnlyAppFiles(requests, appUrl);
    expect(await idbWrites(view)).toEqual([]);
    expect(Object.values(await dumpDatabase(view)).every((rows) => rows.length === 0)).toBe(true);

    await view.getByTestId('share-import').click();
    await view.waitForFunction(() => location.hash.startsWith('#/prompts/'));
    expect(await view.evaluate(() => location.href)).not.toContain('share');
    const after = await dumpDatabase(view);
    const templates = after['promptTemplates'] as PromptTemplateRow[];
    const versions = after['promptVersions'] as PromptVersionRow[];
    expect(templates.map((t) => t.name)).toEqual([item.template.name]);
    expect(templates[0]?.id).not.toBe(item.template.id);
    expect(versions.map((v) => v.number).sort()).toEqual([1, 2, 3]);
    expect(versions.every((v) => v.templateId === templates[0]?.id)).toBe(true);
    expect(versions.some((v) => item.versions.some((s) => s.id === v.id))).toBe(false);
    const inUseRow = versions.find((v) => v.id === templates[0]?.inUseVersionId);
    expect(inUseRow?.number).toBe(2);
    expect(await view.evaluate(() => location.hash)).toBe(`#/prompts/${templates[0]?.id}`);
    await view.getByTestId('template-link').filter({ hasText: item.template.name }).waitFor();
    await view.getByTestId('tab-history').click();
    await expect.poll(() => view.getByTestId('version-item').count()).toBe(3);

    // The same template again, in-use only: a second copy, " (2)", with its one version.
    await view.goto(inUseLink);
    await view.getByTestId('share-preview').waitFor();
    expect(await view.getByTestId('share-preview-version').count()).toBe(1);
    await view.getByTestId('share-import').click();
    const second = `${item.template.name} (2)`;
    await view.getByTestId('template-link').filter({ hasText: second }).waitFor();
    const again = await dumpDatabase(view);
    const copy = (again['promptTemplates'] as PromptTemplateRow[]).find((t) => t.name === second);
    const copyVersions = (again['promptVersions'] as PromptVersionRow[]).filter(
      (v) => v.templateId === copy?.id,
    );
    expect(copyVersions.map((v) => v.number)).toEqual([2]);
    expect(copy?.inUseVersionId).toBe(copyVersions[0]?.id);
    expectCleanSession(recipient);
    await recipient.close();
  });

  it('names the wrong field of a broken template link, in pt-BR, and changes nothing', async () => {
    const session = await newSession(browser(), appUrl, { locale: 'pt-BR' });
    const page = await gotoApp(session, appUrl, 'prompts');
    const content = templateContent(storedTemplate(), 'in-use')!;
    content.versions[0]!.variables[1]!.kind = 'html' as 'text';
    const payload = {
      format: 'omnia-share',
      version: 1,
      kind: 'prompt-template',
      content,
      provenance: { appVersion: '0.1.0', createdAt: 1, models: [], sources: [] },
    };
    const body = `1.z.${deflateRawSync(Buffer.from(JSON.stringify(payload))).toString('base64url')}`;
    await page.goto(`${appUrl}#/share/${body}`);
    const error = page.getByTestId('share-error');
    await error.waitFor();
    expect(await error.getAttribute('data-kind')).toBe('bad-schema');
    expect(await page.getByTestId('share-error-field').innerText()).toBe(
      'O campo share.content.versions[0].variables[1].kind não é um de text, longText, number, choice, document, collection, file.',
    );
    expect(await error.innerText()).toContain('Nada foi alterado.');
    expect(await page.getByTestId('share-import').count()).toBe(0);
    const dump = await dumpDatabase(page);
    expect(dump['promptTemplates']).toEqual([]);
    expectCleanSession(session);
    await session.close();
  });
});
