// The Library's job list: order (running, queued, then finished newest first), the cap on
// finished jobs kept in memory, and the record of each job in the jobs table.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { FINISHED_JOBS_KEPT, JobBoard } from '../../../../src/core/library/job-board';
import type { LibraryJob } from '../../../../src/core/library/library-service-types';
import { isFolderJunk } from '../../../../src/core/library/folder-input';
import { deleteAllData, listJobs } from '../../../../src/storage';

const boards: JobBoard[] = [];
function newBoard(now: number): JobBoard {
  const board = new JobBoard(() => now);
  boards.push(board);
  return board;
}
// Record writes run in the background: let each test's land before the next one erases.
beforeEach(async () => {
  await Promise.all(boards.splice(0).map((b) => b.flushed()));
  await deleteAllData();
});

const job = (id: string): LibraryJob => ({
  id,
  kind: 'ingest',
  documentId: `doc-${id}`,
  label: `${id}.txt`,
  stage: 'queued',
  progress: 0,
  startedAt: 1000,
});

describe('JobBoard', () => {
  it('lists running jobs first, then queued, then finished newest first', () => {
    const board = newBoard(2000);
    for (const id of ['a', 'b', 'c', 'd']) board.add(job(id));
    board.update('a', { stage: 'done', progress: 1 });
    board.update('c', { stage: 'parsing' });
    board.update('b', { stage: 'failed', problem: { code: 'empty', message: 'Empty.' } });
    expect(board.list().map((j) => `${j.id}:${j.stage}`)).toEqual([
      'c:parsing',
      'd:queued',
      'b:failed',
      'a:done',
    ]);
    // A finished job does not move again.
    board.update('a', { stage: 'embedding', progress: 0.5 });
    expect(board.get('a')?.stage).toBe('done');
  });

  it(`keeps only the last ${FINISHED_JOBS_KEPT} finished jobs in memory`, () => {
    const board = newBoard(2000);
    for (let i = 0; i < FINISHED_JOBS_KEPT + 5; i++) {
      board.add(job(`j${i}`));
      board.update(`j${i}`, { stage: 'done', progress: 1 });
    }
    const list = board.list();
    expect(list).toHaveLength(FINISHED_JOBS_KEPT);
    expect(list[0]?.id).toBe(`j${FINISHED_JOBS_KEPT + 4}`);
    expect(board.get('j0')).toBeUndefined();
  });

  it('records each job and its stage changes in the jobs table', async () => {
    const board = newBoard(5000);
    const seen: number[] = [];
    board.watch((jobs) => seen.push(jobs.length));
    board.add(job('a'));
    board.update('a', { stage: 'parsing' });
    board.update('a', { progress: 0.2 });
    board.update('a', { stage: 'failed', problem: { code: 'truncated', message: 'Cut off.' } });
    await board.flushed();
    expect(await listJobs('ingest')).toEqual([
      {
        id: 'a',
        kind: 'ingest',
        status: 'failed',
        progress: 0.2,
        createdAt: 1000,
        updatedAt: 5000,
        error: { kind: 'truncated', message: 'Cut off.' },
        input: { label: 'a.txt', documentId: 'doc-a' },
      },
    ]);
    expect(seen).toEqual([0, 1, 1, 1, 1]);
  });
});

describe('isFolderJunk', () => {
  const input = (relativePath: string) => ({
    file: new File(['x'], relativePath.split('/').at(-1)!),
    relativePath,
  });
  it.each([
    ['notes/.DS_Store', true],
    ['notes/Thumbs.db', true],
    ['notes/desktop.ini', true],
    ['notes/~$report.docx', true],
    ['notes/.hidden.txt', true],
    ['repo/.git/config', true],
    ['notes/report.docx', false],
    ['notes/2024/a.pdf', false],
  ])('%s → %s', (path, junk) => {
    expect(isFolderJunk(input(path))).toBe(junk);
  });
});
