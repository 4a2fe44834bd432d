// The Library's media jobs end to end through the service: real parsers (ingest API), the real
// media job and document builders, the real library API (fixture embedder, voy) and a real
// IndexedDB; the models' outputs come from media-harness.ts. Images, recordings, videos and
// scanned pages become cited documents; without a model they wait with a message naming what
// to install and are processed later from the kept file; a cancel or failure stores nothing.
import 'fake-indexeddb/auto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createLibraryService } from '../../../../src/core/library/library-service';
import type { LibraryServiceImpl } from '../../../../src/core/library/library-service';
import {
  chunksOfDocument,
  deleteAllData,
  getDocument,
  getDocumentSource,
  listDocuments,
} from '../../../../src/storage';
import { closeAll } from '../../workers/channel';
import { CAPTION, mediaHarness, PAGE_TEXT, SAID, type MediaHarness } from './media-harness';
import { fixture, ingestPort, jobsOf, jobsWhere, libraryPort } from './service-harness';

const library = libraryPort();
const ingest = ingestPort();
let ids = 0;

function serviceWith(media: MediaHarness): LibraryServiceImpl {
  return createLibraryService({
    ingest,
    library,
    media: media.ports,
    newId: () => `m-${++ids}`,
    now: () => Date.now(),
  });
}

function withModels(media: MediaHarness, tasks: ('speech' | 'caption' | 'ocr')[]): MediaHarness {
  if (tasks.includes('speech')) media.installed['speech-to-text'] = ['omnia-fixture-whisper'];
  if (tasks.includes('caption')) media.installed['image-to-text'] = ['omnia-fixture-captioner'];
  if (tasks.includes('ocr')) media.installed.ocr = ['omnia-fixture-ocr-eng'];
  return media;
}

/** Florence-2's fixture as the image model: it also reads the text in images. */
function withFlorence(media: MediaHarness): MediaHarness {
  media.installed['image-to-text'] = ['omnia-fixture-florence2'];
  media.captionerTasks = ['caption', 'detailed-caption', 'text'];
  return media;
}

async function onlyDocument() {
  const [doc] = await listDocuments();
  if (!doc) throw new Error('no document');
  return doc;
}

beforeEach(() => deleteAllData());
afterAll(closeAll);

describe('images', () => {
  it('are captioned and OCR’d, found by either text, and keep their file', async () => {
    const media = withModels(mediaHarness(), ['caption', 'ocr']);
    const service = serviceWith(media);
    await service.addFiles([{ file: await fixture('photo.png') }]);
    await service.idle();
    const doc = await onlyDocument();
    expect(doc).toMatchObject({ status: 'ready', kind: 'image', title: 'photo' });
    expect(doc.chunkCount).toBeGreaterThan(0);
    expect(media.calls.caption[0]?.modelId).toBe('omnia-fixture-captioner');
    expect(media.calls.ocr[0]?.modelIds).toEqual(['omnia-fixture-ocr-eng']);
    const [byCaption] = await service.search({ text: 'brass telescope tripod' });
    expect(byCaption).toMatchObject({ documentName: 'photo.png', section: 'Description' });
    const [byText] = await service.search({ text: 'forty two marbles invoice' });
    expect(byText).toMatchObject({ documentName: 'photo.png', section: 'Text in the image' });
    expect((await getDocumentSource(doc.id))?.blob.size).toBe(doc.size);
  });

  it('are read by an image model that reads text (Florence-2) when no OCR language is installed', async () => {
    const media = withFlorence(mediaHarness());
    const service = serviceWith(media);
    await service.addFiles([{ file: await fixture('photo.png') }]);
    await service.idle();
    const doc = await onlyDocument();
    expect(doc).toMatchObject({ status: 'ready', kind: 'image' });
    expect(media.calls.caption.map((c) => c.task)).toEqual(['detailed-caption', 'text']);
    expect(media.calls.ocr).toEqual([]);
    // Nothing was left out, so no note asks for an OCR language.
    expect(doc.warnings ?? []).toEqual([]);
    const [byText] = await service.search({ text: 'forty two marbles invoice' });
    expect(byText).toMatchObject({ documentName: 'photo.png', section: 'Text in the image' });
  });

  it('keep tesseract for the text when an OCR language is installed, whatever the image model', async () => {
    const media = withFlorence(withModels(mediaHarness(), ['ocr']));
    const service = serviceWith(media);
    await service.addFiles([{ file: await fixture('photo.png') }]);
    await service.idle();
    expect(media.calls.caption.map((c) => c.task)).toEqual(['detailed-caption']);
    expect(media.calls.ocr).toHaveLength(1);
  });

  it('wait with a message naming what to install, then Process now works', async () => {
    const media = mediaHarness();
    const service = serviceWith(media);
    const jobs = jobsOf(service);
    await service.addFiles([{ file: await fixture('photo.png') }]);
    await service.idle();
    const waiting = await onlyDocument();
    expect(waiting).toMatchObject({ status: 'waiting', waitingFor: 'captioning', chunkCount: 0 });
    expect(waiting.warnings?.map((w) => w.message)).toContain(
      'Install an image-to-text or OCR model in Models to describe this image.',
    );
    expect(await getDocumentSource(waiting.id)).toBeDefined();

    withModels(media, ['caption']);
    const jobId = await service.processWaiting(waiting.id);
    expect(jobId).not.toBeNull();
    expect(jobs.current.find((j) => j.id === jobId)?.kind).toBe('process');
    await service.idle();
    const ready = await getDocument(waiting.id);
    expect(ready).toMatchObject({ status: 'ready', kind: 'image' });
    expect(ready?.waitingFor).toBeUndefined();
    // Only the caption: a note says OCR was left out, and it can be processed again.
    expect(ready?.warnings?.map((w) => w.detail?.['install'])).toEqual(['ocr']);
    const [hit] = await service.search({ text: CAPTION });
    expect(hit?.documentId).toBe(waiting.id);
    expect(await service.processWaiting('no-such-document')).toBeNull();
  });
});

describe('recordings', () => {
  it('become time-coded transcripts: progress per window, passages with times', async () => {
    const media = withModels(mediaHarness(), ['speech']);
    const service = serviceWith(media);
    const jobs = jobsOf(service);
    const stages = new Set<string>();
    service.watchJobs((list) => list.forEach((j) => stages.add(j.stage)));
    await service.addFiles([{ file: await fixture('clip.wav') }]);
    await service.idle();
    const doc = await onlyDocument();
    expect(doc).toMatchObject({ status: 'ready', kind: 'audio', title: 'clip' });
    expect(stages.has('transcribing')).toBe(true);
    expect(jobs.current[0]?.stage).toBe('done');
    expect(media.calls.transcribe[0]).toMatchObject({
      modelId: 'omnia-fixture-whisper',
      timestamps: true,
      language: null,
    });
    const chunks = await chunksOfDocument(doc.id);
    expect(chunks[0]?.time).toEqual([0, 9]);
    const [hit] = await service.search({ text: 'quartz pelican migrates' });
    expect(hit?.time).toEqual([0, 9]);
  });

  it('a cancel mid-transcription leaves no document, no chunks and no file; others stay', async () => {
    const media = withModels(mediaHarness(), ['speech']);
    const service = serviceWith(media);
    const jobs = jobsOf(service);
    await service.addFiles([{ file: await fixture('notes.md') }]);
    await service.idle();
    media.windowMs = 60_000;
    const [jobId] = await service.addFiles([{ file: await fixture('clip.wav') }]);
    await media.transcriptionStarted;
    await jobsWhere(jobs, (list) => list.some((j) => j.id === jobId && j.stage === 'transcribing'));
    service.cancel(jobId!);
    await service.idle();
    const docs = await listDocuments();
    expect(docs.map((d) => d.name)).toEqual(['notes.md']);
    expect(docs[0]?.status).toBe('ready');
    expect(await chunksOfDocument(`m-${ids - 1}`)).toEqual([]);
    expect(jobs.current.find((j) => j.id === jobId)?.stage).toBe('cancelled');
  });

  it('Process now cancelled puts the waiting row back as it was, with no chunks', async () => {
    const media = mediaHarness();
    const service = serviceWith(media);
    await service.addFiles([{ file: await fixture('clip.wav') }]);
    await service.idle();
    const before = await onlyDocument();
    expect(before).toMatchObject({ status: 'waiting', waitingFor: 'transcription' });
    withModels(media, ['speech']);
    media.windowMs = 60_000;
    const jobId = await service.processWaiting(before.id);
    await media.transcriptionStarted;
    service.cancel(jobId!);
    await service.idle();
    expect(await getDocument(before.id)).toMatchObject({
      status: 'waiting',
      waitingFor: 'transcription',
      chunkCount: 0,
    });
    expect(await chunksOfDocument(before.id)).toEqual([]);
    expect(await getDocumentSource(before.id)).toBeDefined();
  });

  it('addTranscript saves a cited document with times and keeps the recording', async () => {
    const service = serviceWith(mediaHarness());
    const recording = new Blob([new Uint8Array(44)], { type: 'audio/wav' });
    const id = await service.addTranscript({
      name: 'birds.wav',
      transcript: { language: 'en', durationSeconds: 9, segments: SAID, text: '', windows: 1 },
      source: recording,
    });
    expect(await getDocument(id)).toMatchObject({
      status: 'ready',
      kind: 'audio',
      name: 'birds.wav',
    });
    expect((await getDocumentSource(id))?.blob.size).toBe(44);
    const [hit] = await service.search({ text: 'feathers shimmer wet slate' });
    expect(hit).toMatchObject({ documentId: id, time: [0, 9] });
    await expect(
      service.addTranscript({
        name: 'silence.wav',
        transcript: { language: 'en', durationSeconds: 3, segments: [], text: ' ', windows: 1 },
      }),
    ).rejects.toThrow(/No speech was found/);
    expect((await listDocuments()).map((d) => d.name)).toEqual(['birds.wav']);

    await service.removeDocument(id);
    expect(await getDocumentSource(id)).toBeUndefined();
  });
});

describe('videos', () => {
  it('give what is said and what is seen, time-coded, at the chosen rate', async () => {
    const media = withModels(mediaHarness(), ['speech', 'caption']);
    const service = serviceWith(media);
    await service.addFiles([{ file: await fixture('clip.mp4') }], { videoFps: 2 });
    await service.idle();
    const doc = await onlyDocument();
    expect(doc).toMatchObject({ status: 'ready', kind: 'video' });
    expect(media.calls.caption).toHaveLength(6); // 3 s at 2 fps
    expect((await getDocumentSource(doc.id))?.videoFps).toBe(2);
    const chunks = await chunksOfDocument(doc.id);
    expect(chunks.every((c) => c.time !== undefined)).toBe(true);
    const text = chunks.map((c) => c.text).join(' ');
    expect(text).toContain('quartz pelican');
    expect(text).toContain(CAPTION);
  });

  it('without an audio track still give the seen part, with a note', async () => {
    const media = withModels(mediaHarness(), ['speech', 'caption']);
    media.videoHasAudio = false;
    const service = serviceWith(media);
    await service.addFiles([
      { file: new File([await fixture('clip.mp4')], 'mute.mp4', { type: 'video/mp4' }) },
    ]);
    await service.idle();
    const doc = await onlyDocument();
    expect(doc.status).toBe('ready');
    expect(media.calls.transcribe).toHaveLength(0);
    expect(doc.warnings?.some((w) => /no audio track/.test(w.message))).toBe(true);
    const [hit] = await service.search({ text: 'brass telescope' });
    expect(hit?.time).toBeDefined();
  });

  it('that the browser cannot play fail with its message and store nothing', async () => {
    const media = withModels(mediaHarness(), ['caption']);
    media.videoSeconds = null;
    const service = serviceWith(media);
    await service.addFiles([{ file: await fixture('clip.mp4') }]);
    await service.idle();
    const doc = await onlyDocument();
    expect(doc).toMatchObject({ status: 'failed' });
    expect(doc.error?.message).toMatch(/cannot play this video/);
    expect(await chunksOfDocument(doc.id)).toEqual([]);
  });
});

describe('scanned PDF pages', () => {
  it('are OCR’d and merged in page order; page 2 is cited at page 2', async () => {
    const media = withModels(mediaHarness(), ['ocr']);
    const service = serviceWith(media);
    await service.addFiles([{ file: await fixture('scanned.pdf') }]);
    await service.idle();
    const doc = await onlyDocument();
    expect(doc).toMatchObject({ status: 'ready', kind: 'pdf' });
    expect(doc.pagesNeedingOcr).toBeUndefined();
    expect(doc.warnings?.some((w) => w.code === 'pages-need-ocr')).toBe(false);
    const chunks = await chunksOfDocument(doc.id);
    expect(chunks.map((c) => c.page)).toEqual([...chunks.map((c) => c.page)].sort());
    const [hit] = await service.search({ text: 'obsidian lantern festival' });
    expect(hit).toMatchObject({ documentId: doc.id, page: 2 });
    expect(hit?.text).toContain(PAGE_TEXT.slice(0, 20));
  });

  it('are read by an image model that reads text (Florence-2) when no OCR language is installed', async () => {
    const media = withFlorence(mediaHarness());
    const service = serviceWith(media);
    await service.addFiles([{ file: await fixture('scanned.pdf') }]);
    await service.idle();
    const doc = await onlyDocument();
    expect(doc).toMatchObject({ status: 'ready', kind: 'pdf' });
    expect(doc.pagesNeedingOcr).toBeUndefined();
    expect(media.calls.ocr).toEqual([]);
    expect(media.calls.caption.map((c) => c.task)).toEqual(['text']);
    const [hit] = await service.search({ text: 'obsidian lantern festival' });
    expect(hit).toMatchObject({ documentId: doc.id, page: 2 });
  });

  it('without an OCR model keep their text pages and can be processed later', async () => {
    const media = mediaHarness();
    const service = serviceWith(media);
    await service.addFiles([{ file: await fixture('scanned.pdf') }]);
    await service.idle();
    const doc = await onlyDocument();
    expect(doc).toMatchObject({ status: 'ready', pagesNeedingOcr: [2] });
    withModels(media, ['ocr']);
    expect(await service.processAllWaiting()).toEqual([]); // ready, not waiting
    await service.processWaiting(doc.id);
    await service.idle();
    const [hit] = await service.search({ text: 'obsidian lantern festival' });
    expect(hit).toMatchObject({ documentId: doc.id, page: 2 });
    expect((await getDocument(doc.id))?.pagesNeedingOcr).toBeUndefined();
  });
});
