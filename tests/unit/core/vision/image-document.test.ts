// imageDocument: a caption section and an OCR section, empty parts left out, nothing at all
// refused with a message that says what to install.
import { describe, expect, it } from 'vitest';
import { chunkDocument, chunkOptionsFor } from '../../../../src/core/ingest/chunk';
import { IngestError } from '../../../../src/core/ingest/types';
import { imageDocument } from '../../../../src/core/vision/image-document';

describe('imageDocument', () => {
  it('gives a Description section and a Text in the image section', () => {
    const doc = imageDocument({
      title: 'receipt.png',
      caption: ' a receipt on a wooden table ',
      ocrText: 'CAFE CENTRAL\nCoffee 3.50\n\n  Total   3.50 \n\n\n',
    });
    expect(doc).toEqual({
      kind: 'image',
      title: 'receipt.png',
      warnings: [],
      blocks: [
        { kind: 'heading', level: 1, text: 'Description' },
        { kind: 'paragraph', text: 'a receipt on a wooden table', section: 'Description' },
        { kind: 'heading', level: 1, text: 'Text in the image' },
        { kind: 'paragraph', text: 'CAFE CENTRAL\nCoffee 3.50', section: 'Text in the image' },
        { kind: 'paragraph', text: 'Total 3.50', section: 'Text in the image' },
      ],
    });
  });

  it('leaves out an empty part', () => {
    const onlyText = imageDocument({ title: 'scan', caption: null, ocrText: 'Hello' });
    expect(onlyText.blocks.map((b) => b.section ?? b.text)).toEqual([
      'Text in the image',
      'Text in the image',
    ]);
    const onlyCaption = imageDocument({ title: 'cat', caption: 'a cat', ocrText: '  \n ' });
    expect(onlyCaption.blocks.map((b) => b.text)).toEqual(['Description', 'a cat']);
  });

  it('refuses an image nothing could be read from', () => {
    expect(() => imageDocument({ title: 'x', caption: ' ', ocrText: null })).toThrow(IngestError);
    expect(() => imageDocument({ title: 'x', caption: null, ocrText: null })).toThrow(
      /no description and no text/,
    );
  });

  it('chunks into one passage per section', async () => {
    const doc = imageDocument({ title: 'slide', caption: 'a chart', ocrText: 'Sales grew 12%' });
    const chunks = await chunkDocument(doc, chunkOptionsFor(null));
    expect(chunks.map((c) => [c.section, c.text])).toEqual([
      ['Description', 'Description\n\na chart'],
      ['Text in the image', 'Text in the image\n\nSales grew 12%'],
    ]);
  });
});
