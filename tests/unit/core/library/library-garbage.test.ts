// Issue 15 (item 5) through the Library service: a file that only starts like a PNG fails when
// it is added — never "Done", never waiting for a model — with the message naming its type,
// and a media step that fails stores the decoder's own words, not "choose another embedding
// model". The ingest API, parsers, media job, library API and IndexedDB are real; the image
// check stands in for the browser's createImageBitmap (the e2e test runs the real one).
import 'fake-indexeddb/auto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createLibraryService } from '../../../../src/core/library/library-service';
import type { IngestPort, MediaPorts } from '../../../../src/core/library/ports';
import {
  chunksOfDocument,
  deleteAllData,
  getDocumentSource,
  listDocuments,
} from '../../../../src/storage';
import { createIngestApi } from '../../../../src/workers/ingest-api';
import { abortPortFor, callControl } from '../../../../src/workers/rpc';
import { closeAll, connect } from '../../workers/channel';
import { mediaHarness } from './media-harness';
import { fixture, libraryPort } from './service-harness';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** What Chromium's createImageBitmap says about bytes it cannot decode. */
const DECODER_SAYS = 'The source image could not be decoded.';

/** Like the browser: a PNG decodes only when an IHDR chunk follows its signature. */
async function checkImage(file: Blob): Promise<void> {
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  if (String.fromCharCode(...head.subarray(12, 16)) !== 'IHDR') throw new Error(DECODER_SAYS);
}

function ingestWithImageCheck(): IngestPort {
  const remote = connect(
    createIngestApi({
      loadPdfjs: async () => await import('pdfjs-dist/legacy/build/pdf.mjs'),
      checkImage,
    }),
  );
  return {
    parse: (file, fileName, options = {}) =>
      remote.parse(file, fileName, callControl(undefined, abortPortFor(options.signal))),
  };
}

const library = libraryPort();
const ingest = ingestWithImageCheck();
let ids = 0;

function service(media?: MediaPorts) {
  return createLibraryService({
    ingest,
    library,
    ...(media ? { media } : {}),
    newId: () => `g-${++ids}`,
    now: () => Date.now(),
  });
}

const junkPng = (): File =>
  new File(
    [new Uint8Array([...PNG_SIGNATURE, ...new TextEncoder().encode('junk '.repeat(50))])],
    'junk.png',
  );

async function byName(name: string) {
  const doc = (await listDocuments()).find((d) => d.name === name);
  if (!doc) throw new Error(`no document ${name}`);
  return doc;
}

beforeEach(() => deleteAllData());
afterAll(closeAll);

describe('an image that does not decode', () => {
  it.each([false, true])(
    'fails at once with its type named, models installed: %s; nothing stored is lost',
    async (withModels) => {
      const media = mediaHarness();
      if (withModels) media.installed['image-to-text'] = ['omnia-fixture-captioner'];
      const library = service(media.ports);
      await library.addFiles([{ file: await fixture('notes.txt') }]);
      await library.idle();
      const notes = await byName('notes.txt');
      const chunksBefore = await chunksOfDocument(notes.id);
      expect(chunksBefore.length).toBeGreaterThan(0);

      await library.addFiles([{ file: junkPng() }, { file: await fixture('photo.png') }]);
      await library.idle();
      const junk = await byName('junk.png');
      expect(junk.status).toBe('failed');
      expect(junk.error).toMatchObject({
        kind: 'corrupt',
        detail: { format: 'image', type: 'PNG', reason: DECODER_SAYS },
      });
      expect(junk.error?.message).toBe(
        'This file starts like a PNG image, but its picture data could not be decoded (The source image could not be decoded): it is damaged, or not really a PNG. Open it in an image editor, save it again as PNG or JPEG, and add the new copy.',
      );
      expect(junk.waitingFor).toBeUndefined();
      expect(await getDocumentSource(junk.id)).toBeUndefined();
      expect(await chunksOfDocument(junk.id)).toEqual([]);
      expect(media.calls.caption.map((c) => (c.image as File).name)).not.toContain('junk.png');

      // The real image beside it goes on; the document stored before is untouched.
      expect((await byName('photo.png')).status).toBe(withModels ? 'ready' : 'waiting');
      expect(await byName('notes.txt')).toEqual(notes);
      expect(await chunksOfDocument(notes.id)).toEqual(chunksBefore);
    },
  );
});

describe('a media step that fails', () => {
  it('stores the decoder’s own words as media-failed, not as an index failure', async () => {
    const media = mediaHarness();
    media.installed['image-to-text'] = ['omnia-fixture-captioner'];
    const reason = `This image could not be read: ${DECODER_SAYS} Try PNG or JPEG.`;
    media.ports.vision.caption = () => Promise.reject(new Error(reason));
    const library = service(media.ports);
    await library.addFiles([{ file: await fixture('photo.png') }]);
    await library.idle();
    const doc = await byName('photo.png');
    expect(doc.status).toBe('failed');
    expect(doc.error).toEqual({ kind: 'media-failed', message: reason, detail: { reason } });
    expect(await chunksOfDocument(doc.id)).toEqual([]);
  });
});
