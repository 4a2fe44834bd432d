import { describe, expect, it } from 'vitest';
import { formatBytes, interpolate, percentOf } from '../../../src/core/format';

describe('formatBytes', () => {
  it('uses 1024-based units and the locale’s decimal separator', () => {
    expect(formatBytes(0, 'en')).toBe('0 B');
    expect(formatBytes(1023, 'en')).toBe('1,023 B');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(1536, 'pt-BR')).toBe('1,5 KB');
    expect(formatBytes(5 * 1024 ** 3, 'en')).toBe('5 GB');
    expect(formatBytes(300 * 1024 ** 2, 'en')).toBe('300 MB');
  });

  it('shows a dash for figures that make no sense', () => {
    expect(formatBytes(-1, 'en')).toBe('—');
    expect(formatBytes(Number.NaN, 'en')).toBe('—');
  });
});

describe('percentOf', () => {
  it('rounds to one decimal and refuses an unknown whole', () => {
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(5, 0)).toBeNull();
  });
});

describe('interpolate', () => {
  it('fills known placeholders and leaves unknown ones visible', () => {
    expect(interpolate('{a} of {b}', { a: 1, b: 'two' })).toBe('1 of two');
    expect(interpolate('{a} and {missing}', { a: 'x' })).toBe('x and {missing}');
  });

  it('chooses plural forms by the locale’s rules, exact forms first', () => {
    const rows = '{n, plural, one {# row} other {# rows}} in {sheet}';
    expect(interpolate(rows, { n: 1, sheet: 'Jan' }, 'en')).toBe('1 row in Jan');
    expect(interpolate(rows, { n: 0, sheet: 'Jan' }, 'en')).toBe('0 rows in Jan');
    expect(interpolate(rows, { n: 2, sheet: 'Jan' }, 'en')).toBe('2 rows in Jan');
    // Portuguese: 0 and 1 are both "one".
    const linhas = '{n, plural, one {# linha} other {# linhas}}';
    expect(interpolate(linhas, { n: 0 }, 'pt-BR')).toBe('0 linha');
    expect(interpolate(linhas, { n: 1 }, 'pt-BR')).toBe('1 linha');
    expect(interpolate(linhas, { n: 3 }, 'pt-BR')).toBe('3 linhas');
    expect(interpolate(linhas, { n: 1204 }, 'pt-BR')).toBe('1.204 linhas');
    expect(interpolate(rows, { n: 1204, sheet: 'Jan' }, 'en')).toBe('1,204 rows in Jan');
    const exact = '{n, plural, =0 {nothing} one {# item} other {# items}}';
    expect(interpolate(exact, { n: 0 }, 'en')).toBe('nothing');
    // So the app's pt-BR messages say what 0 reads: "0 linhas", as Brazil writes it.
    const zero = '{n, plural, =0 {# linhas} one {# linha} other {# linhas}}';
    expect(interpolate(zero, { n: 0 }, 'pt-BR')).toBe('0 linhas');
    expect(interpolate(zero, { n: 1 }, 'pt-BR')).toBe('1 linha');
    // A missing count leaves the whole form visible, like any unknown placeholder.
    expect(interpolate(rows, { sheet: 'Jan' }, 'en')).toBe(
      '{n, plural, one {# row} other {# rows}} in Jan',
    );
  });
});
