// Why this file exists: a picture becomes searchable through two texts, what a captioning model
// says it shows and what OCR reads in it. They go into the Library as a document with one
// section each, so a citation says which of the two an answer came from.
import { IngestError, type ParsedDocument, type TextBlock } from '../ingest/types';

export const DESCRIPTION_SECTION = 'Description';
export const IMAGE_TEXT_SECTION = 'Text in the image';

/** The OCR text's paragraphs: blank lines separate them, single line breaks are kept inside. */
function ocrParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/gu, '\n')
    .split(/\n\s*\n/u)
    .map((p) => p.replace(/[ \t]+/gu, ' ').trim())
    .filter((p) => p !== '');
}

/**
 * An image as a Library document (kind 'image'): a 'Description' section with the caption and
 * a 'Text in the image' section with the OCR text; a part that is empty is left out.
 *
 * @throws IngestError 'empty' when neither the caption nor OCR gave any text.
 */
export function imageDocument(input: {
  title: string;
  caption: string | null;
  ocrText: string | null;
}): ParsedDocument {
  const blocks: TextBlock[] = [];
  const caption = input.caption?.trim() ?? '';
  if (caption !== '') {
    blocks.push({ kind: 'heading', level: 1, text: DESCRIPTION_SECTION });
    blocks.push({ kind: 'paragraph', text: caption, section: DESCRIPTION_SECTION });
  }
  const paragraphs = ocrParagraphs(input.ocrText ?? '');
  if (paragraphs.length > 0) {
    blocks.push({ kind: 'heading', level: 1, text: IMAGE_TEXT_SECTION });
    for (const text of paragraphs) {
      blocks.push({ kind: 'paragraph', text, section: IMAGE_TEXT_SECTION });
    }
  }
  if (blocks.length === 0) {
    throw new IngestError({
      code: 'empty',
      message:
        'Nothing could be read from this image: no description and no text. Install an image-description or text-recognition (OCR) model, or try a clearer image.',
    });
  }
  return { kind: 'image', title: input.title, blocks, warnings: [] };
}
