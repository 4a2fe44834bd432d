/**
 * Answers worth reading (issue 15), in the built app with no model installed: a sales sheet
 * that writes months as "jul" and a markdown report are added through the Library's file
 * input; a question about "julho" is answered from the July row, cited to the passage holding
 * it (rows and all), and no answer sentence shows markdown or a heading.
 */
import { describe, expect, inject, it } from 'vitest';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import { addFixtures, ask, openLibrary, settledStatus } from './library-helpers';

const appUrl = inject('appUrl');
const browser = useBrowser();

const SALES = 'quality/vendas-2025.csv';
const REPORT = 'quality/relatorio-trimestral.md';
const MARKDOWN = /\*\*|__|`|\]\(|^\s*[#>|-]\s|\|/;

describe('library: extractive answers', () => {
  it('answers "julho" from the "jul" row with its citation, in plain text', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await openLibrary(page, appUrl);
    await addFixtures(page, [SALES, REPORT]);
    for (const name of ['vendas-2025.csv', 'relatorio-trimestral.md']) {
      expect(await settledStatus(page, name)).toBe('ready');
    }

    let answer = await ask(page, 'Qual foi a receita de julho?');
    const first = answer.getByTestId('library-highlight').first();
    expect(await first.innerText()).toMatch(/^Mês: jul; Receita \(R\$\): 112\.730,40;.*\[1\]$/s);
    // Its citation opens the sales sheet's passage that holds row 8 (the header is row 1).
    const citation = first.getByTestId('citation');
    const index = await citation.getAttribute('data-index');
    const cited = answer.locator(`[data-testid="library-passage"][data-index="${index}"]`);
    expect(await cited.getAttribute('data-chunk-id')).toBe(
      await citation.getAttribute('data-chunk-id'),
    );
    const [from, to] = ((await cited.getAttribute('data-rows')) ?? '0-0').split('-').map(Number);
    expect(from).toBeLessThanOrEqual(8);
    expect(to).toBeGreaterThanOrEqual(8);
    expect(await cited.getByTestId('library-passage-open').innerText()).toContain(
      'vendas-2025.csv',
    );
    // The row's "jul" is marked as the question's "julho".
    expect(await first.locator('mark').allInnerTexts()).toEqual(
      expect.arrayContaining(['jul', 'Receita']) as string[],
    );

    answer = await ask(page, 'Quando foi publicado o relatório trimestral e qual a receita?');
    const texts = await answer.getByTestId('library-highlight').allInnerTexts();
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.join('\n')).toContain('Publicado em março de 2026 pela equipa de gestão.');
    expect(texts.join('\n')).toContain('R$ 1.234.567,89');
    for (const text of texts) {
      expect(text).not.toMatch(MARKDOWN);
      expect(text).not.toMatch(/^Relatório Trimestral da Cooperativa Serra Azul\s*\[\d+\]$/);
    }
    const snippets = await answer.getByTestId('library-passage-snippet').allInnerTexts();
    for (const snippet of snippets) expect(snippet).not.toMatch(/\*\*|\]\(|`/);

    expectCleanSession(session);
    await session.close();
  });
});
