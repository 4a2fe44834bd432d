import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SNIFF_HEAD_BYTES, sniffType } from '../../../../src/core/ingest/sniff';
import {
  IngestError,
  type DocumentKind,
  type IngestProblemCode,
} from '../../../../src/core/ingest/types';

const FIXTURES = new URL('../../../fixtures/library/', import.meta.url);
const read = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, FIXTURES)));
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function sniff(data: Uint8Array, name: string): DocumentKind {
  return sniffType(data.subarray(0, SNIFF_HEAD_BYTES), name, data.length).kind;
}

function sniffProblem(
  data: Uint8Array,
  name: string,
): { code: IngestProblemCode; message: string } {
  try {
    sniff(data, name);
  } catch (error) {
    expect(error).toBeInstanceOf(IngestError);
    return (error as IngestError).problem;
  }
  throw new Error(`expected ${name} to be refused`);
}

describe('sniffType on the committed fixtures', () => {
  const expected: [string, DocumentKind][] = [
    ['report.pdf', 'pdf'],
    ['scanned.pdf', 'pdf'],
    ['truncated.pdf', 'pdf'],
    ['encrypted.pdf', 'pdf'],
    ['handbook.docx', 'docx'],
    ['bomb.docx', 'docx'],
    ['budget.xlsx', 'xlsx'],
    ['inventory.csv', 'csv'],
    ['people.csv', 'csv'],
    ['page.html', 'html'],
    ['notes.txt', 'txt'],
    ['notes.md', 'md'],
    ['data.json', 'json'],
    ['data.jsonl', 'jsonl'],
    ['latin1.txt', 'txt'],
    ['photo.png', 'image'],
    ['clip.wav', 'audio'],
    ['clip.mp4', 'video'],
  ];

  it.each(expected)('%s is %s', (name, kind) => {
    expect(sniff(read(name), name)).toBe(kind);
  });

  it.each(expected)('%s is %s whatever it is called', (name, kind) => {
    if (['txt', 'md', 'csv'].includes(kind)) return; // for these the name breaks the tie
    expect(sniff(read(name), 'renamed.bin')).toBe(kind);
    expect(sniff(read(name), 'no-extension')).toBe(kind);
  });

  it('trusts bytes over a wrong extension', () => {
    expect(sniff(read('report.pdf'), 'report.txt')).toBe('pdf');
    expect(sniff(read('page.html'), 'page.md')).toBe('html');
    expect(sniff(read('budget.xlsx'), 'budget.docx')).toBe('xlsx');
    expect(sniff(read('handbook.docx'), 'handbook.xlsx')).toBe('docx');
    expect(sniff(read('data.json'), 'data.txt')).toBe('json');
    expect(sniff(read('data.jsonl'), 'data.json')).toBe('jsonl');
    expect(sniff(read('photo.png'), 'photo.pdf')).toBe('image');
  });

  it('finds CSV and Markdown from content when the name says nothing', () => {
    expect(sniff(read('inventory.csv'), 'inventory')).toBe('csv');
    expect(sniff(read('people.csv'), 'people')).toBe('csv');
    expect(sniff(read('notes.md'), 'notes')).toBe('md');
    expect(sniff(read('notes.txt'), 'notes')).toBe('txt');
  });

  it('gives canonical MIME types', () => {
    const head = read('report.pdf');
    expect(sniffType(head, 'x', head.length).mimeType).toBe('application/pdf');
    const png = read('photo.png');
    expect(sniffType(png, 'x', png.length).mimeType).toBe('image/png');
    const docx = read('handbook.docx');
    expect(sniffType(docx, 'x', docx.length).mimeType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
  });
});

describe('sniffType refuses what it cannot use', () => {
  it('binary named .txt → binary-as-text', () => {
    const problem = sniffProblem(read('binary.txt'), 'binary.txt');
    expect(problem.code).toBe('binary-as-text');
    expect(problem.message).toMatch(/named \.txt but holds binary data/);
    expect(sniffProblem(read('binary.txt'), 'table.csv').code).toBe('binary-as-text');
  });

  it('empty → empty', () => {
    expect(sniffProblem(read('empty.txt'), 'empty.txt').code).toBe('empty');
  });

  it('unknown bytes → unknown-type, with what is supported', () => {
    const problem = sniffProblem(read('unknown.bin'), 'unknown.bin');
    expect(problem.code).toBe('unknown-type');
    expect(problem.message).toMatch(/PDF, Word/);
  });

  it('a zip that is not Office → unknown-type', () => {
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...new Array<number>(26).fill(0)]);
    new DataView(zip.buffer).setUint16(26, 9, true);
    const withName = new Uint8Array([...zip, ...bytes('notes.txt'), ...bytes('hello')]);
    expect(sniffProblem(withName, 'archive.zip').code).toBe('unknown-type');
  });

  it('an OLE file: encrypted Office or legacy .doc', () => {
    const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    const legacy = new Uint8Array([...ole, ...new Array<number>(512).fill(0)]);
    expect(sniffProblem(legacy, 'old.doc')).toMatchObject({ code: 'unknown-type' });
    expect(sniffProblem(legacy, 'old.doc').message).toMatch(/\.docx/);
    const name = Array.from('EncryptedPackage').flatMap((char) => [char.charCodeAt(0), 0]);
    const encrypted = new Uint8Array([...ole, ...new Array<number>(100).fill(0), ...name]);
    expect(sniffProblem(encrypted, 'secret.docx').code).toBe('encrypted');
  });
});

describe('sniffType on synthetic heads', () => {
  const cases: [string, number[] | string, DocumentKind][] = [
    ['jpeg', [0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46], 'image'],
    ['gif', 'GIF89a\x01\x00\x01\x00', 'image'],
    ['webp', 'RIFF\x10\x00\x00\x00WEBPVP8 ', 'image'],
    ['heic', '\x00\x00\x00\x18ftypheic\x00\x00\x00\x00', 'image'],
    ['m4a', '\x00\x00\x00\x18ftypM4A \x00\x00\x00\x00', 'audio'],
    ['mp3 with ID3', 'ID3\x04\x00\x00\x00\x00\x00\x00', 'audio'],
    ['mp3 frame', [0xff, 0xfb, 0x90, 0x64, 0x00, 0x00, 0x00, 0x00], 'audio'],
    ['ogg', 'OggS\x00\x02\x00\x00', 'audio'],
    ['flac', 'fLaC\x00\x00\x00\x22', 'audio'],
    ['webm', [0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81], 'video'],
    ['pdf after junk', `${'x'.repeat(300)}%PDF-1.7\n`, 'pdf'],
    ['utf-16 text with BOM', [0xff, 0xfe, 0x4f, 0x00, 0x6c, 0x00, 0xe1, 0x00], 'txt'],
  ];
  it.each(cases)('%s', (_label, head, kind) => {
    const data =
      typeof head === 'string'
        ? Uint8Array.from(head, (c) => c.charCodeAt(0))
        : Uint8Array.from(head);
    expect(sniff(data, 'file')).toBe(kind);
  });

  it('JSON cut off by the head is still JSON; JSON lines are JSONL', () => {
    const big = bytes(`{"items": [${'1,'.repeat(40000)}1]}`);
    expect(sniffType(big.subarray(0, SNIFF_HEAD_BYTES), 'x', big.length).kind).toBe('json');
    expect(sniff(bytes('{"a":1}\n{"a":2}\n'), 'log')).toBe('jsonl');
    expect(sniff(bytes('{"a":1}\n'), 'x.jsonl')).toBe('jsonl');
  });

  it('the extension breaks ties only among text kinds', () => {
    const csvLike = bytes('a,b\n1,2\n3,4\n');
    expect(sniff(csvLike, 'data')).toBe('csv');
    expect(sniff(csvLike, 'data.txt')).toBe('txt');
    expect(sniff(bytes('just one column\nof words\n'), 'list.csv')).toBe('csv');
    expect(sniff(bytes('<!doctype html><p>hi</p>'), 'page.txt')).toBe('html');
  });

  it('a UTF-8 character cut by the head does not make text binary', () => {
    const text = bytes(`${'ã'.repeat(SNIFF_HEAD_BYTES)}`);
    expect(sniffType(text.subarray(0, SNIFF_HEAD_BYTES - 1), 'x.txt', text.length).kind).toBe(
      'txt',
    );
  });
});
