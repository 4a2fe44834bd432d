// Shared by the parser tests: the committed fixtures, pdf.js's Node build, and small readers
// for what a parse gave back (the problem it threw, the block holding a text).
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { PdfJsLib } from '../../../../src/core/ingest/parsers/parse-document';
import {
  IngestError,
  type IngestProblem,
  type ParsedDocument,
} from '../../../../src/core/ingest/types';

const FIXTURES = new URL('../../../fixtures/library/', import.meta.url);

/** The bytes of a fixture in tests/fixtures/library. */
export const read = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(name, FIXTURES)));

/** pdf.js as Node runs it (the legacy build sets up its own fake worker). */
export const pdfjs: PdfJsLib = await import('pdfjs-dist/legacy/build/pdf.mjs');

/** The IngestProblem `promise` rejects with; fails the test if it resolves or throws another error. */
export async function problemOf(promise: Promise<unknown>): Promise<IngestProblem> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(IngestError);
    return (error as IngestError).problem;
  }
  throw new Error('expected an IngestError');
}

export const blockWith = (doc: ParsedDocument, text: string) =>
  doc.blocks.find((block) => block.text.includes(text));
