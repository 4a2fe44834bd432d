// The Library service's job control on the real worker APIs: cancel while queued and while
// embedding leaves no document, chunk or vector; a parse past its time limit (real ingest
// client, stand-in parser thread) fails only its own file; choosing the embedding model and
// catching up the index are re-index jobs.
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  countChunks,
  deleteAllData,
  listDocuments,
  setSetting,
  vectorCount,
} from '../../../../src/storage';
import { createIngestClient } from '../../../../src/workers/ingest-client';
import { closeAll } from '../../workers/channel';
import { ThreadPool } from '../../workers/node-worker';
import { fixture, jobsOf, jobsWhere, libraryPort, MODEL, newService } from './service-harness';

const library = libraryPort();
const pool = new ThreadPool();
beforeEach(() => deleteAllData());
afterEach(() => pool.stopAll());
afterAll(closeAll);

const WORDS =
  'amber basalt cedar delta ember fjord granite harbour iris jasper kelp lantern meadow nickel onyx pylon quartz river slate tundra umber violet willow yarrow zinc'.split(
    ' ',
  );

/** A text file long enough for many embedding batches, every paragraph different. */
function longText(name: string): File {
  let seed = 7;
  const word = (): string => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return WORDS[seed % WORDS.length]!;
  };
  const paragraphs = Array.from(
    { length: 600 },
    (_, i) => `Entry ${i}: ${Array.from({ length: 30 }, word).join(' ')}.`,
  );
  return new File([paragraphs.join('\n\n')], name, { type: 'text/plain' });
}

describe('LibraryService.cancel', () => {
  it('a queued job is cancelled before it starts: its row goes, the others go on', async () => {
    const service = newService({ library });
    const jobs = jobsOf(service);
    const [first, second] = await service.addFiles([
      { file: await fixture('notes.md') },
      { file: await fixture('page.html') },
    ]);
    service.cancel(second!);
    await service.idle();
    expect(jobs.current.find((j) => j.id === first)?.stage).toBe('done');
    expect(jobs.current.find((j) => j.id === second)).toMatchObject({
      stage: 'cancelled',
      problem: { code: 'cancelled' },
    });
    expect((await listDocuments()).map((d) => d.name)).toEqual(['notes.md']);
  });

  it(
    'cancel while embedding leaves no document, chunk or vector behind',
    { timeout: 60_000 },
    async () => {
      const service = newService({ library });
      const jobs = jobsOf(service);
      await service.addFiles([{ file: await fixture('notes.md') }]);
      await service.idle();
      const before = { chunks: await countChunks(), vectors: await vectorCount(MODEL) };

      const [jobId] = await service.addFiles([{ file: longText('long.txt') }]);
      await jobsWhere(jobs, (list) => {
        const job = list.find((j) => j.id === jobId);
        return job?.stage === 'embedding';
      });
      service.cancel(jobId!);
      expect(jobs.current.find((j) => j.id === jobId)?.stage).toBe('cancelled');
      await service.idle();

      expect((await listDocuments()).map((d) => d.name)).toEqual(['notes.md']);
      expect(await countChunks()).toBe(before.chunks);
      expect(await vectorCount(MODEL)).toBe(before.vectors);
      const found = await service.search({ text: 'amber basalt cedar' });
      expect(found.filter((p) => p.documentName !== 'notes.md')).toEqual([]);
    },
  );
});

describe('LibraryService with the real ingest client', () => {
  it(
    'a parse past the time limit fails only its own file; the next file is added',
    { timeout: 30_000 },
    async () => {
      const ingest = createIngestClient({
        create: pool.factory(
          new URL('../../workers/fixtures/stuck-ingest-thread.ts', import.meta.url),
        ),
        idleTimeoutMs: 0,
      });
      const service = newService({ ingest, library, parseTimeoutMs: 2500 });
      await service.addFiles([
        { file: new File(['never ends'], 'spin') },
        { file: new File(['The amber signal lamp is tested on Fridays.'], 'after.txt') },
      ]);
      await service.idle();
      const byName = new Map((await listDocuments()).map((d) => [d.name, d]));
      expect(byName.get('spin')).toMatchObject({ status: 'failed', error: { kind: 'timeout' } });
      expect(byName.get('spin')?.error?.message).toMatch(/longer than 3 s/);
      expect(byName.get('after.txt')?.error).toBeUndefined();
      expect(byName.get('after.txt')?.status).toBe('ready');
      expect(pool.started).toHaveLength(2);
    },
  );
});

describe('LibraryService re-index jobs', () => {
  it(
    'setEmbeddingModel runs a re-index job; ensureIndexed embeds what has no vector',
    { timeout: 60_000 },
    async () => {
      const service = newService({ library });
      const jobs = jobsOf(service);

      const keywordOnly = await service.setEmbeddingModel(null);
      await service.idle();
      expect(jobs.current.find((j) => j.id === keywordOnly)).toMatchObject({
        kind: 'reindex',
        stage: 'done',
      });
      await service.addFiles([{ file: await fixture('handbook.docx') }]);
      await service.idle();
      const status = await service.indexStatus();
      expect(status).toMatchObject({ embeddingModelId: null, embeddedChunks: 0 });
      expect(status.chunks).toBeGreaterThan(0);
      // Still findable, by keywords.
      expect((await service.search({ text: 'emerald archive key' }))[0]).toBeDefined();
      expect(await service.ensureIndexed()).toBeNull();

      // A model is chosen elsewhere (Settings, or installed): the catch-up embeds every chunk.
      await setSetting('libraryEmbeddingModelId', MODEL);
      const catchUp = await service.ensureIndexed();
      expect(catchUp).not.toBeNull();
      await service.idle();
      expect(jobs.current.find((j) => j.id === catchUp)?.stage).toBe('done');
      const after = await service.indexStatus();
      expect(after.embeddedChunks).toBe(after.chunks);
      expect(await service.ensureIndexed()).toBeNull();
    },
  );

  it('a re-index to a model that is not installed fails with the worker’s message', async () => {
    const service = newService({ library });
    const jobs = jobsOf(service);
    const jobId = await service.setEmbeddingModel('no-such-model');
    await service.idle();
    const job = jobs.current.find((j) => j.id === jobId);
    expect(job?.stage).toBe('failed');
    expect(job?.problem?.message).toMatch(/not installed/);
  });
});
