/**
 * Personal data in text about to be shared: e-mail addresses, phone numbers (Brazilian, North
 * American, and any written with a leading +country code), CPF and CNPJ (only when their check
 * digits are right) and payment card numbers (only when the Luhn checksum holds). Check digits
 * keep ordinary numbers — order ids, amounts, dates — from being flagged.
 * Quantifiers are bounded, so a long hostile text cannot make a pattern backtrack for long.
 */

export type PiiKind = 'email' | 'phone' | 'cpf' | 'cnpj' | 'card';

export interface PiiFinding {
  kind: PiiKind;
  /** Offsets in the text, end exclusive. */
  start: number;
  end: number;
  text: string;
}

const digitsOf = (s: string): string => s.replace(/\D/g, '');

/** CPF: 11 digits, two mod-11 check digits, not all the same digit. */
export function isValidCpf(value: string): boolean {
  const d = digitsOf(value);
  if (d.length !== 11 || /^(\d)\1{10}$/.test(d)) return false;
  const check = (len: number): number => {
    let sum = 0;
    for (let i = 0; i < len; i++) sum += Number(d[i]) * (len + 1 - i);
    const r = (sum * 10) % 11;
    return r === 10 ? 0 : r;
  };
  return check(9) === Number(d[9]) && check(10) === Number(d[10]);
}

/** CNPJ: 14 digits, two mod-11 check digits with weights 5..2,9..2 and 6..2,9..2. */
export function isValidCnpj(value: string): boolean {
  const d = digitsOf(value);
  if (d.length !== 14 || /^(\d)\1{13}$/.test(d)) return false;
  const check = (len: number): number => {
    let sum = 0;
    let weight = len - 7;
    for (let i = 0; i < len; i++) {
      sum += Number(d[i]) * weight;
      weight = weight === 2 ? 9 : weight - 1;
    }
    const r = sum % 11;
    return r < 2 ? 0 : 11 - r;
  };
  return check(12) === Number(d[12]) && check(13) === Number(d[13]);
}

/** Luhn checksum over 13–19 digits (the lengths card numbers have). */
export function isLuhnValid(value: string): boolean {
  const d = digitsOf(value);
  if (d.length < 13 || d.length > 19 || /^0+$/.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    let n = Number(d[d.length - 1 - i]);
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

interface Rule {
  kind: PiiKind;
  pattern: RegExp;
  accept: (match: string) => boolean;
}

const NOT_DIGIT_BEFORE = String.raw`(?<![\d\w])`;
const NOT_DIGIT_AFTER = String.raw`(?![\d\w])`;

// Order is priority: where two findings overlap, the earlier rule wins.
const RULES: readonly Rule[] = [
  {
    kind: 'email',
    pattern:
      /[\w.%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![\w-])/g,
    accept: () => true,
  },
  {
    kind: 'card',
    pattern: new RegExp(`${NOT_DIGIT_BEFORE}\\d(?:[ -]?\\d){12,18}${NOT_DIGIT_AFTER}`, 'g'),
    accept: isLuhnValid,
  },
  {
    kind: 'cnpj',
    pattern: new RegExp(
      `${NOT_DIGIT_BEFORE}(?:\\d{2}\\.\\d{3}\\.\\d{3}/\\d{4}-\\d{2}|\\d{14})${NOT_DIGIT_AFTER}`,
      'g',
    ),
    accept: isValidCnpj,
  },
  {
    kind: 'cpf',
    pattern: new RegExp(
      `${NOT_DIGIT_BEFORE}(?:\\d{3}\\.\\d{3}\\.\\d{3}-\\d{2}|\\d{11})${NOT_DIGIT_AFTER}`,
      'g',
    ),
    accept: isValidCpf,
  },
  {
    kind: 'phone',
    pattern: new RegExp(
      [
        // Brazil: +55 (11) 91234-5678, (11) 3456-7890, 11 91234-5678, 91234-5678
        String.raw`(?:\+55\s?)?(?:\(\d{2}\)\s?|\d{2}\s)?9?\d{4}[-\s]\d{4}`,
        // North America: +1 (555) 123-4567, 555-123-4567, 555.123.4567
        String.raw`(?:\+1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}`,
        // Anything written with a country code: +44 20 7946 0958, +351 912 345 678
        String.raw`\+\d{1,3}(?:[\s.-]?\d{2,4}){2,5}`,
      ]
        // Not a piece of a longer run of digit groups (a card number with a wrong checksum).
        .map((p) => String.raw`(?<!\w)(?<!\d[\s.-])(?:${p})(?!\w)(?![\s.-]\d)`)
        .join('|'),
      'g',
    ),
    accept: (m) => {
      const n = digitsOf(m).length;
      return n >= 8 && n <= 15;
    },
  },
];

/** Every finding in `text`, in order, none overlapping. */
export function findPii(text: string): PiiFinding[] {
  const kept: PiiFinding[] = [];
  const overlaps = (a: PiiFinding): boolean => kept.some((b) => a.start < b.end && b.start < a.end);
  for (const rule of RULES) {
    for (const match of text.matchAll(rule.pattern)) {
      const finding = {
        kind: rule.kind,
        start: match.index,
        end: match.index + match[0].length,
        text: match[0],
      };
      if (rule.accept(match[0]) && !overlaps(finding)) kept.push(finding);
    }
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** The finding with every letter and digit replaced by •, so its shape stays readable. */
export function maskedText(text: string): string {
  return text.replace(/[\p{L}\p{N}]/gu, '•');
}

/** `text` with the given findings (default: all found) masked. */
export function maskPii(text: string, findings: readonly PiiFinding[] = findPii(text)): string {
  let out = text;
  for (const f of [...findings].sort((a, b) => b.start - a.start)) {
    if (out.slice(f.start, f.end) !== f.text) continue;
    out = out.slice(0, f.start) + maskedText(f.text) + out.slice(f.end);
  }
  return out;
}
