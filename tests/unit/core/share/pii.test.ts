// The personal-data finder on Portuguese and English text: valid CPF, CNPJ and card numbers
// are found and invalid ones (wrong check digits) are not; e-mails and phones in both
// countries' formats; masking keeps the shape and hides every letter and digit.
import { describe, expect, it } from 'vitest';
import {
  findPii,
  isLuhnValid,
  isValidCnpj,
  isValidCpf,
  maskPii,
} from '../../../../src/core/share/pii';

const kinds = (text: string): string[] => findPii(text).map((f) => `${f.kind}:${f.text}`);

describe('check digits', () => {
  it('CPF', () => {
    expect(isValidCpf('529.982.247-25')).toBe(true);
    expect(isValidCpf('52998224725')).toBe(true);
    expect(isValidCpf('529.982.247-26')).toBe(false);
    expect(isValidCpf('111.111.111-11')).toBe(false);
    expect(isValidCpf('1234567890')).toBe(false);
  });
  it('CNPJ', () => {
    expect(isValidCnpj('11.222.333/0001-81')).toBe(true);
    expect(isValidCnpj('11222333000181')).toBe(true);
    expect(isValidCnpj('11.222.333/0001-82')).toBe(false);
    expect(isValidCnpj('00.000.000/0000-00')).toBe(false);
  });
  it('Luhn', () => {
    expect(isLuhnValid('4111 1111 1111 1111')).toBe(true);
    expect(isLuhnValid('5500-0000-0000-0004')).toBe(true);
    expect(isLuhnValid('4111 1111 1111 1112')).toBe(false);
    expect(isLuhnValid('411111')).toBe(false);
  });
});

describe('findPii', () => {
  it('finds personal data in Portuguese text', () => {
    const text =
      'Olá, sou a Maria (maria.silva@exemplo.com.br), CPF 529.982.247-25, celular (11) 91234-5678. ' +
      'A empresa tem CNPJ 11.222.333/0001-81 e o cartão é 4111 1111 1111 1111. ' +
      'Também ligue +55 21 3456-7890.';
    expect(kinds(text)).toEqual([
      'email:maria.silva@exemplo.com.br',
      'cpf:529.982.247-25',
      'phone:(11) 91234-5678',
      'cnpj:11.222.333/0001-81',
      'card:4111 1111 1111 1111',
      'phone:+55 21 3456-7890',
    ]);
  });

  it('finds personal data in English text', () => {
    const text =
      'Reach John at john.doe+news@example.org or (555) 123-4567; the office is +44 20 7946 0958. ' +
      'Card on file: 5500-0000-0000-0004.';
    expect(kinds(text)).toEqual([
      'email:john.doe+news@example.org',
      'phone:(555) 123-4567',
      'phone:+44 20 7946 0958',
      'card:5500-0000-0000-0004',
    ]);
  });

  it('leaves numbers with wrong check digits and ordinary numbers alone', () => {
    const text =
      'CPF 529.982.247-26 e CNPJ 11.222.333/0001-82 são inválidos; o cartão 4111 1111 1111 1112 também. ' +
      'Pedido 2024-05-01, total R$ 1.234,56, protocolo 12345678901 e 25 km/h; version 1.2.3, year 2025.';
    expect(kinds(text)).toEqual([]);
  });

  it('finds bare 11- and 14-digit CPF and CNPJ only when valid', () => {
    expect(kinds('cpf 52998224725 e cnpj 11222333000181')).toEqual([
      'cpf:52998224725',
      'cnpj:11222333000181',
    ]);
    expect(kinds('números 52998224726 e 11222333000182')).toEqual([]);
  });

  it('takes little time on long hostile text', () => {
    const hostile = `${'a'.repeat(50_000)}@${'b.'.repeat(20_000)}${'1 '.repeat(20_000)}`;
    const started = performance.now();
    findPii(hostile);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('maskPii', () => {
  it('hides every letter and digit of each finding and keeps the rest', () => {
    const text = 'Email maria@exemplo.com, CPF 529.982.247-25.';
    expect(maskPii(text)).toBe('Email •••••@•••••••.•••, CPF •••.•••.•••-••.');
    expect(findPii(maskPii(text))).toEqual([]);
  });
});
