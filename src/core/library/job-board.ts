// Why this file exists: the Library's jobs live in two places on purpose. This tab's list is
// in memory (progress changes many times a second, and only this tab can cancel its jobs);
// the `jobs` table keeps a record of each (status, progress at each stage, error) so a reload
// still shows what failed and why. This board owns both: it emits the live list and mirrors
// every stage change to storage, in order, without ever letting a storage error stop a job.
import { putJob, updateJob, type Job, type JobStatus } from '../../storage';
import type { LibraryJob, LibraryJobStage } from './library-service-types';

/** Finished jobs kept in the live list, newest first. */
export const FINISHED_JOBS_KEPT = 50;

const FINISHED: ReadonlySet<LibraryJobStage> = new Set(['done', 'failed', 'cancelled']);
const RUNNING: ReadonlySet<LibraryJobStage> = new Set([
  'parsing',
  'transcribing',
  'captioning',
  'recognising',
  'chunking',
  'embedding',
]);

/** Whether a job has ended (done, failed or cancelled); the jobs panel offers Cancel until then. */
export function isFinished(stage: LibraryJobStage): boolean {
  return FINISHED.has(stage);
}

function statusOf(stage: LibraryJobStage): JobStatus {
  if (RUNNING.has(stage)) return 'running';
  return stage as Extract<LibraryJobStage, JobStatus>;
}

export type LibraryJobPatch = Partial<Pick<LibraryJob, 'stage' | 'progress' | 'problem'>>;

export class JobBoard {
  readonly #now: () => number;
  readonly #jobs = new Map<string, LibraryJob>();
  /** Ids of finished jobs, oldest first. */
  readonly #finished: string[] = [];
  readonly #listeners = new Set<(jobs: readonly LibraryJob[]) => void>();
  #mirror: Promise<void> = Promise.resolve();

  constructor(now: () => number) {
    this.#now = now;
  }

  get(id: string): LibraryJob | undefined {
    return this.#jobs.get(id);
  }

  /** Adds a job (stage 'queued') and records it in the jobs table. */
  add(job: LibraryJob): void {
    this.#jobs.set(job.id, job);
    const row: Job = {
      id: job.id,
      kind: job.kind,
      status: statusOf(job.stage),
      progress: job.progress,
      createdAt: job.startedAt,
      updatedAt: job.startedAt,
      input: { label: job.label, ...(job.documentId ? { documentId: job.documentId } : {}) },
    };
    this.#write(() => putJob(row));
    this.#emit();
  }

  /** Changes a job; the record is written on stage changes, not on every progress tick. */
  update(id: string, patch: LibraryJobPatch): void {
    const job = this.#jobs.get(id);
    if (!job || isFinished(job.stage)) return;
    const next: LibraryJob = { ...job, ...patch };
    this.#jobs.set(id, next);
    if (isFinished(next.stage)) this.#retire(id);
    if (next.stage !== job.stage) {
      const problem = next.problem;
      this.#write(() =>
        updateJob(id, {
          status: statusOf(next.stage),
          progress: next.progress,
          updatedAt: this.#now(),
          ...(problem ? { error: { kind: problem.code, message: problem.message } } : {}),
        }),
      );
    }
    this.#emit();
  }

  /** Calls `listener` now and after every change; returns the unsubscribe. */
  watch(listener: (jobs: readonly LibraryJob[]) => void): () => void {
    this.#listeners.add(listener);
    listener(this.list());
    return () => this.#listeners.delete(listener);
  }

  /** Running jobs first, then queued ones in order, then the finished ones, newest first. */
  list(): LibraryJob[] {
    const all = [...this.#jobs.values()];
    const finished = this.#finished
      .map((id) => this.#jobs.get(id))
      .filter((j): j is LibraryJob => j !== undefined)
      .reverse();
    return [
      ...all.filter((j) => RUNNING.has(j.stage)),
      ...all.filter((j) => j.stage === 'queued'),
      ...finished,
    ];
  }

  /** Resolves once every record write so far has been attempted (tests, and before close). */
  flushed(): Promise<void> {
    return this.#mirror;
  }

  #retire(id: string): void {
    this.#finished.push(id);
    while (this.#finished.length > FINISHED_JOBS_KEPT) {
      const oldest = this.#finished.shift();
      if (oldest !== undefined) this.#jobs.delete(oldest);
    }
  }

  #write(write: () => Promise<void>): void {
    this.#mirror = this.#mirror.then(write).catch((error: unknown) => {
      // The record is a convenience; the job itself goes on.
      console.warn('Omnia: could not record a Library job', error);
    });
  }

  #emit(): void {
    const jobs = this.list();
    for (const listener of [...this.#listeners]) {
      try {
        listener(jobs);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
