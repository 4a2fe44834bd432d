// Answers are read as plain text: markdown's emphasis, links, code ticks, list and heading
// markers and table pipes go; the words and numbers stay exactly as written.
import { describe, expect, it } from 'vitest';
import { isMarkdownHeading, plainLine, plainText } from '../../../../src/core/rag/plain-text';

describe('plainLine', () => {
  it.each([
    ['Publicado em **março de 2026** pela equipa.', 'Publicado em março de 2026 pela equipa.'],
    ['Rollbacks last __30 days__.', 'Rollbacks last 30 days.'],
    ['Sai toda *sexta-feira* e _sábado_.', 'Sai toda sexta-feira e sábado.'],
    ['Isto foi ~~cancelado~~ adiado.', 'Isto foi cancelado adiado.'],
    ['Run `atlas migrate --all` first.', 'Run atlas migrate --all first.'],
    ['Use ``a `b` c`` here.', 'Use a `b` c here.'],
    ['Abre em [Campinas](https://example.org/campinas) em mai.', 'Abre em Campinas em mai.'],
    ['See [the guide](https://x.org/a_(b)) and [ref][1].', 'See the guide and ref.'],
    ['![Logo da empresa](logo.png) Bem-vindo', 'Logo da empresa Bem-vindo'],
    [
      'Mail <mailto:ti@example.org> or <https://example.org>',
      'Mail mailto:ti@example.org or https://example.org',
    ],
    ['- Offline search', 'Offline search'],
    ['* [x] Done item', 'Done item'],
    ['12) Décimo segundo passo', 'Décimo segundo passo'],
    ['> Citação importante', 'Citação importante'],
    ['## Resultados ##', 'Resultados'],
    ['Texto <b>negrito</b><br/> fim', 'Texto negrito fim'],
    ['a \\*literal\\* star', 'a *literal* star'],
    ['| jan | 1.200 |', 'jan; 1.200'],
    ['Ship: Maré Alta | Berth: 4', 'Ship: Maré Alta; Berth: 4'],
  ])('%s', (line, plain) => {
    expect(plainLine(line)).toBe(plain);
  });

  it('leaves what is not markdown alone', () => {
    for (const line of [
      'backup.retencao_dias: 35',
      'alertas.limite_de_disco_percentual: 85',
      '2 * 3 * 4 = 24',
      'R$ 1.234,56 em 3,5% ao mês',
      'snake_case_name stays',
    ]) {
      expect(plainLine(line)).toBe(line);
    }
  });

  it('empties rules and lines left with no word', () => {
    for (const line of ['---', '===', '| --- | :---: |', '***', '|  |']) {
      expect(plainLine(line)).toBe('');
    }
  });
});

describe('plainText', () => {
  it('turns a table stored on one line into one line per row naming its columns', () => {
    const stored =
      '| Mês | Sacas vendidas | | --- | --- | | jan | 1.200 | | fev |  | | mar | 1.450 |';
    expect(plainText(`Sacas por mês\n\n${stored}`).split('\n')).toEqual([
      'Sacas por mês',
      '',
      'Mês: jan; Sacas vendidas: 1.200',
      'Mês: fev',
      'Mês: mar; Sacas vendidas: 1.450',
    ]);
  });

  it('keeps the lines of plain text as they are', () => {
    const text = 'Primeira linha.\n\nSegunda, com **ênfase**.';
    expect(plainText(text)).toBe('Primeira linha.\n\nSegunda, com ênfase.');
  });
});

describe('isMarkdownHeading', () => {
  it('knows ATX headings and setext rules, not hashtags or prose', () => {
    expect(isMarkdownHeading('# Título')).toBe(true);
    expect(isMarkdownHeading('### Seção 3')).toBe(true);
    expect(isMarkdownHeading('-----')).toBe(true);
    expect(isMarkdownHeading('#tag sem espaço')).toBe(false);
    expect(isMarkdownHeading('O item #3 chegou.')).toBe(false);
  });
});
