import { describe, expect, it } from 'vitest';
import { cleanModelTitle, titleFromText, titlePromptTurns } from '../../../../src/core/chat/titles';

describe('titleFromText', () => {
  it('returns null when there is nothing to show', () => {
    expect(titleFromText('')).toBeNull();
    expect(titleFromText('  \n\t ')).toBeNull();
    expect(titleFromText('```\n\n```')).toBeNull();
  });

  it('takes the first sentence of the first line', () => {
    expect(titleFromText('How do I sort a list in Python? I tried sorted() already.')).toBe(
      'How do I sort a list in Python?',
    );
    expect(titleFromText('\n\n  Plan a trip to Lisbon\nwith kids, in May')).toBe(
      'Plan a trip to Lisbon',
    );
    expect(titleFromText('Version 3.5 is out. What changed?')).toBe('Version 3.5 is out');
  });

  it('strips markdown and code', () => {
    expect(titleFromText('## **Bold** idea with [a link](https://x.y) and `code`')).toBe(
      'Bold idea with a link and code',
    );
    expect(titleFromText('```js\nconsole.log(1)\n```\nWhy does this print 1?')).toBe(
      'Why does this print 1?',
    );
    expect(titleFromText('> quoted   text\tand  spaces')).toBe('quoted text and spaces');
    expect(titleFromText('Fix the my_var_name bug')).toBe('Fix the my_var_name bug');
  });

  it('titles a message that is only code from the code', () => {
    expect(titleFromText('```sql\n\nSELECT * FROM users;\n```')).toBe('SELECT * FROM users');
  });

  it('cuts long text at a word boundary with an ellipsis', () => {
    const text = 'Please explain the difference between processes and threads in operating systems';
    const title = titleFromText(text);
    expect(title).toBe('Please explain the difference between…');
    expect(Array.from(title ?? '').length).toBeLessThanOrEqual(48);
    expect(titleFromText(text, 20)).toBe('Please explain the…');
    expect(titleFromText('a'.repeat(100), 10)).toBe(`${'a'.repeat(9)}…`);
    expect(titleFromText('Short one', 48)).toBe('Short one');
  });

  it('counts characters, not UTF-16 units', () => {
    const title = titleFromText('😀'.repeat(60), 10);
    expect(Array.from(title ?? '')).toHaveLength(10);
  });
});

describe('titlePromptTurns', () => {
  it('asks in the UI language and shows the exchange', () => {
    const en = titlePromptTurns('How do magnets work?', 'They use magnetic fields.', 'en');
    const pt = titlePromptTurns('Como funcionam ímãs?', 'Por campos magnéticos.', 'pt-BR');
    expect(en.map((t) => t.role)).toEqual(['system', 'user']);
    expect(en[0]?.content).toMatch(/6 words/);
    expect(pt[0]?.content).toMatch(/6 palavras/);
    expect(en[1]?.content).toContain('How do magnets work?');
    expect(en[1]?.content).toContain('They use magnetic fields.');
    expect(pt[1]?.content).toContain('Pessoa: Como funcionam ímãs?');
  });

  it('cuts each side to 600 characters', () => {
    const long = `${'word '.repeat(200)}END`;
    const [, exchange] = titlePromptTurns(long, long, 'en');
    const content = exchange?.content ?? '';
    expect(content).not.toContain('END');
    const sides = content.split('\n').slice(1);
    expect(sides).toHaveLength(2);
    for (const side of sides) {
      const text = side.slice(side.indexOf(': ') + 2);
      expect(Array.from(text).length).toBeLessThanOrEqual(600);
      expect(Array.from(text).length).toBeGreaterThan(550);
    }
  });
});

describe('cleanModelTitle', () => {
  it('keeps a clean title as is', () => {
    expect(cleanModelTitle('Sorting lists in Python')).toBe('Sorting lists in Python');
    expect(cleanModelTitle("Don't panic guide")).toBe("Don't panic guide");
  });

  it('strips quotes, markdown, prefixes and trailing punctuation', () => {
    expect(cleanModelTitle('"Receita de pão caseiro".')).toBe('Receita de pão caseiro');
    expect(cleanModelTitle('**Title:** Sorting lists in Python')).toBe('Sorting lists in Python');
    expect(cleanModelTitle('Título: “Viagem ao Japão”\nMais texto aqui')).toBe('Viagem ao Japão');
    expect(cleanModelTitle('\n\n  # Trip   planning!!  \n')).toBe('Trip planning');
    expect(cleanModelTitle("'Magnets explained'")).toBe('Magnets explained');
    expect(cleanModelTitle('<think>hmm, short</think>\nShort title')).toBe('Short title');
  });

  it('rejects empty, long and garbage output', () => {
    expect(cleanModelTitle('')).toBeNull();
    expect(cleanModelTitle('  \n "" \n')).toBeNull();
    expect(cleanModelTitle('word '.repeat(20))).toBeNull();
    expect(cleanModelTitle('!!@@##$$%%^^&&')).toBeNull();
    expect(cleanModelTitle(')(*&^%$ ab')).toBeNull();
    expect(cleanModelTitle('\uFFFD\uFFFDab cd')).toBeNull();
  });
});
