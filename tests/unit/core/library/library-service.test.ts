// The Library service end to end on the real parsers, the real fixture embedder and a real
// IndexedDB: a mixed drop of good files, every bad fixture and folder junk, in two orders;
// duplicates; retry; removal; and the job records it leaves in storage.
import 'fake-indexeddb/auto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  chunksOfDocument,
  deleteAllData,
  listDocuments,
  listJobs,
  type DocumentRecord,
} from '../../../../src/storage';
import { closeAll } from '../../workers/channel';
import { fixture, jobsOf, libraryPort, newService, planted } from './service-harness';

const library = libraryPort();
beforeEach(() => deleteAllData());
afterAll(closeAll);

/** name → what its document must say once its job ended. */
const GOOD: Record<string, Partial<DocumentRecord>> = {
  'report.pdf': { status: 'ready', kind: 'pdf', pageCount: 3, mimeType: 'application/pdf' },
  'handbook.docx': { status: 'ready', kind: 'docx' },
  'budget.xlsx': { status: 'ready', kind: 'xlsx' },
  'inventory.csv': { status: 'ready', kind: 'csv', mimeType: 'text/csv' },
  'page.html': { status: 'ready', kind: 'html', title: 'Omnia Field Notes' },
  'notes.md': { status: 'ready', kind: 'md' },
  'data.jsonl': { status: 'ready', kind: 'jsonl' },
  'scanned.pdf': { status: 'ready', kind: 'pdf' },
  'photo.png': { status: 'waiting', kind: 'image', waitingFor: 'captioning', chunkCount: 0 },
  'clip.wav': { status: 'waiting', kind: 'audio', waitingFor: 'transcription' },
};
const BAD: Record<string, string> = {
  'empty.txt': 'empty',
  'unknown.bin': 'unknown-type',
  'binary.txt': 'binary-as-text',
  'truncated.pdf': 'truncated',
  'encrypted.pdf': 'encrypted',
  'bomb.docx': 'zip-bomb',
};

async function mixedDrop(reverse: boolean) {
  const names = [...Object.keys(GOOD), ...Object.keys(BAD)];
  const inputs = await Promise.all(
    names.map(async (name) => ({ file: await fixture(name), relativePath: `drop/${name}` })),
  );
  const junk = [
    { file: new File(['x'], '.DS_Store'), relativePath: 'drop/.DS_Store' },
    { file: new File(['x'], '~$handbook.docx'), relativePath: 'drop/~$handbook.docx' },
    { file: new File(['x'], 'HEAD'), relativePath: 'drop/.git/HEAD' },
  ];
  const all = [...inputs, ...junk];
  return reverse ? all.reverse() : all;
}

describe('LibraryService.addFiles with a mixed drop', () => {
  it.each([false, true])(
    'good files end ready or waiting, each bad one failed with its code (reversed: %s)',
    { timeout: 60_000 },
    async (reverse) => {
      const service = newService({ library });
      const jobs = jobsOf(service);
      const ids = await service.addFiles(await mixedDrop(reverse), { collectionIds: ['k1'] });
      const fileCount = Object.keys(GOOD).length + Object.keys(BAD).length;
      expect(ids).toHaveLength(fileCount); // folder junk made no job
      // Returned at once: rows exist, queued or already moving.
      expect(await listDocuments()).toHaveLength(fileCount);
      await service.idle();

      const byName = new Map((await listDocuments()).map((d) => [d.name, d]));
      for (const [name, expected] of Object.entries(GOOD)) {
        expect(byName.get(name), name).toMatchObject({ ...expected, collectionIds: ['k1'] });
        expect(byName.get(name)?.relativePath).toBe(`drop/${name}`);
      }
      for (const [name, code] of Object.entries(BAD)) {
        const doc = byName.get(name);
        expect(doc, name).toMatchObject({ status: 'failed', error: { kind: code } });
        expect(doc?.error?.message.length).toBeGreaterThan(20);
        expect(await chunksOfDocument(doc!.id)).toEqual([]);
      }
      expect(byName.get('scanned.pdf')?.pagesNeedingOcr?.length).toBeGreaterThan(0);
      expect(byName.get('report.pdf')?.chunkCount).toBeGreaterThan(0);
      expect(byName.get('inventory.csv')?.rowCount).toBeGreaterThan(0);

      const stages = jobs.current.map((j) => j.stage);
      expect(stages.filter((s) => s === 'done')).toHaveLength(Object.keys(GOOD).length);
      expect(stages.filter((s) => s === 'failed')).toHaveLength(Object.keys(BAD).length);
      const rows = await listJobs('ingest');
      expect(rows).toHaveLength(fileCount);
      expect(
        rows
          .filter((r) => r.status === 'failed')
          .map((r) => r.error?.kind)
          .sort(),
      ).toEqual(Object.values(BAD).sort());

      const [top] = await service.search({ text: 'zircon turbine maintenance interval' });
      expect(top).toMatchObject({ documentName: 'report.pdf', page: planted['report.pdf']!.page });
      const answer = await service.answer({ text: 'emerald archive key' });
      expect(answer.passages[0]?.documentName).toBe('handbook.docx');
    },
  );

  it('a file already in the library is skipped with a warning naming the copy kept', async () => {
    const service = newService({ library });
    const jobs = jobsOf(service);
    await service.addFiles([{ file: await fixture('notes.md') }]);
    await service.idle();
    const [again] = await service.addFiles([
      { file: await fixture('notes.md', 'copy of notes.md') },
    ]);
    // Same size, different bytes: not a duplicate.
    await service.addFiles([{ file: new File(['#'.repeat(287)], 'same-size.md') }]);
    await service.idle();
    const skipped = jobs.current.find((j) => j.id === again);
    expect(skipped?.problem?.message).toBe(
      'Already in the library as notes.md; this copy was not added.',
    );
    expect((await listDocuments()).map((d) => d.name).sort()).toEqual(['notes.md', 'same-size.md']);
  });

  it('retry adds a failed document again from the file kept in this tab', async () => {
    const service = newService({ library });
    await service.addFiles([
      { file: await fixture('truncated.pdf') },
      { file: await fixture('notes.txt') },
    ]);
    await service.idle();
    const docs = await listDocuments();
    const failed = docs.find((d) => d.name === 'truncated.pdf')!;
    const ready = docs.find((d) => d.name === 'notes.txt')!;
    expect(await service.retry(ready.id)).toBeNull();
    const jobId = await service.retry(failed.id);
    expect(jobId).not.toBeNull();
    await service.idle();
    const again = (await listDocuments()).find((d) => d.id === failed.id);
    expect(again).toMatchObject({ status: 'failed', error: { kind: 'truncated' } });
  });

  it('removeDocument takes a document out of storage and search', async () => {
    const service = newService({ library });
    await service.addFiles([{ file: await fixture('page.html') }]);
    await service.idle();
    const [doc] = await listDocuments();
    const query = { text: 'copper lighthouse beacon' };
    expect((await service.search(query))[0]?.documentId).toBe(doc!.id);
    await service.removeDocument(doc!.id);
    expect(await listDocuments()).toEqual([]);
    expect(await service.search(query)).toEqual([]);
    expect((await service.indexStatus()).chunks).toBe(0);
  });
});
