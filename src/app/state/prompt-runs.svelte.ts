/**
 * Test runs as jobs (C16): the run's definition is a promptRuns row, its status and progress a
 * row in the jobs table with the same id, and every output its own row the moment it exists.
 * One runner per run across tabs (a Web Lock named after it): a second tab shows the progress
 * and can cancel (the runner sees the job marked cancelled after its current cell), and a run
 * whose tab died is resumed at its first cell without an output when the Studio opens again.
 */
import {
  cellKey,
  cellsLeft,
  latestOutputs,
  planCells,
  runCells,
  type RunCell,
} from '../../core/prompts/test-run';
import { getModel } from '../../models/catalog';
import {
  addPromptOutput,
  getPromptRun,
  listJobs,
  listPromptOutputs,
  listPromptTemplates,
  putJob,
  putPromptRun,
  updateJob,
  watchJobRows,
  type Job,
  type PromptOutputRow,
  type PromptRunRow,
  type PromptVersionRow,
} from '../../storage';
import { i18n } from '../i18n/i18n.svelte';
import { chatInference } from './chat-inference';
import { renderWithValues } from './prompt-values';
import { problemText } from './prompt-text';

export const PROMPT_RUN_JOB = 'prompt-test-run';
const LOCK_PREFIX = 'omnia-prompt-run:';

export type NewRun = Omit<PromptRunRow, 'id' | 'createdAt'>;

async function versionsOf(templateId: string): Promise<Map<string, PromptVersionRow>> {
  const item = (await listPromptTemplates()).find((i) => i.template.id === templateId);
  return new Map((item?.versions ?? []).map((v) => [v.id, v]));
}

/** Runs `work` holding the run's lock, or not at all when another tab holds it. */
async function withRunLock(runId: string, work: () => Promise<void>): Promise<boolean> {
  if (typeof navigator === 'undefined' || !('locks' in navigator)) {
    await work();
    return true;
  }
  return navigator.locks.request(LOCK_PREFIX + runId, { ifAvailable: true }, async (lock) => {
    if (!lock) return false;
    await work();
    return true;
  });
}

class PromptRuns {
  #jobs = $state.raw<Job[]>([]);
  /** Runs this tab is running now. */
  #mine = $state.raw<ReadonlySet<string>>(new Set());
  #controllers = new Map<string, AbortController>();
  #stop: (() => void) | null = null;

  /** Watches the jobs; resumes runs left running by a tab that is gone. */
  start(): void {
    if (this.#stop) return;
    this.#stop = watchJobRows((jobs) => (this.#jobs = jobs), PROMPT_RUN_JOB);
    void this.#resumeOrphans();
  }

  job(runId: string): Job | undefined {
    return this.#jobs.find((j) => j.id === runId);
  }
  isMine(runId: string): boolean {
    return this.#mine.has(runId);
  }

  /** Stores the run and its job, then runs every cell; returns the run's id at once. */
  async create(setup: NewRun): Promise<string> {
    const run: PromptRunRow = { ...setup, id: crypto.randomUUID(), createdAt: Date.now() };
    await putPromptRun(run);
    await this.#setJob(run.id, 'queued', 0);
    void this.#execute(run, planCells(run), () => 1);
    return run.id;
  }

  /** Runs again every model's output for one version × variable set, as new attempts. */
  async rerunRow(runId: string, versionId: string, setIndex: number): Promise<void> {
    const run = await getPromptRun(runId);
    if (!run || this.job(runId)?.status === 'running') return;
    const cells = run.modelIds.map((modelId) => ({ modelId, versionId, setIndex }));
    const latest = latestOutputs(await listPromptOutputs(runId));
    await this.#setJob(run.id, 'queued', 0);
    void this.#execute(run, cells, (cell) => (latest.get(cellKey(cell))?.attempt ?? 0) + 1);
  }

  /** Runs the cells of a run that have no output yet (after a cancel or a crash). */
  async resume(runId: string): Promise<boolean> {
    const run = await getPromptRun(runId);
    if (!run) return false;
    const left = cellsLeft(planCells(run), await listPromptOutputs(runId));
    return this.#execute(run, left, () => 1);
  }

  /** Stops the run: here at once (the worker's generation too); in another tab after its cell. */
  async cancel(runId: string): Promise<void> {
    this.#controllers.get(runId)?.abort();
    await updateJob(runId, { status: 'cancelled', updatedAt: Date.now() });
  }

  async #setJob(id: string, status: Job['status'], progress: number): Promise<void> {
    const now = Date.now();
    const existing = this.job(id);
    await putJob({
      id,
      kind: PROMPT_RUN_JOB,
      status,
      progress,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
      input: { runId: id },
    });
  }

  async #execute(
    run: PromptRunRow,
    cells: readonly RunCell[],
    attemptOf: (cell: RunCell) => number,
  ): Promise<boolean> {
    return withRunLock(run.id, async () => {
      const controller = new AbortController();
      this.#controllers.set(run.id, controller);
      this.#mine = new Set([...this.#mine, run.id]);
      try {
        await updateJob(run.id, { status: 'running', progress: 0, updatedAt: Date.now() });
        const outcome = await runCells(
          run,
          await versionsOf(run.templateId),
          cells,
          this.#ports(run),
          {
            signal: controller.signal,
            attemptOf,
            onProgress: (finished, total) => {
              // A cancel from another tab arrives as the job's status.
              if (this.job(run.id)?.status === 'cancelled') controller.abort();
              void updateJob(run.id, { progress: finished / total, updatedAt: Date.now() });
            },
          },
        );
        const status = outcome.cancelled
          ? 'cancelled'
          : outcome.done === 0 && outcome.failed > 0
            ? 'failed'
            : 'done';
        await updateJob(run.id, {
          status,
          progress: outcome.cancelled ? (this.job(run.id)?.progress ?? 0) : 1,
          updatedAt: Date.now(),
          ...(status === 'failed'
            ? { error: { kind: 'all-failed', message: i18n.t('prompts.allFailed') } }
            : {}),
        });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await updateJob(run.id, {
          status: 'failed',
          updatedAt: Date.now(),
          error: { kind: 'failed', message },
        });
      } finally {
        this.#controllers.delete(run.id);
        this.#mine = new Set([...this.#mine].filter((id) => id !== run.id));
      }
    });
  }

  #ports(run: PromptRunRow) {
    return {
      backend: chatInference(),
      engineOf: (modelId: string) => {
        try {
          return getModel(modelId).engine;
        } catch {
          return 'unknown';
        }
      },
      render: (version: PromptVersionRow, setIndex: number) =>
        renderWithValues(version, run.variableSets[setIndex]?.values ?? {}),
      saveOutput: (output: PromptOutputRow) => addPromptOutput(output),
      describe: (result: Awaited<ReturnType<typeof renderWithValues>>) =>
        result.ok
          ? ''
          : result.problems
              .filter((p) => p.severity === 'error')
              .map(problemText)
              .join(' '),
      newId: () => crypto.randomUUID(),
      now: () => Date.now(),
    };
  }

  async #resumeOrphans(): Promise<void> {
    const jobs = await listJobs(PROMPT_RUN_JOB);
    for (const job of jobs) {
      if (job.status === 'running' || job.status === 'queued') await this.resume(job.id);
    }
  }
}

export const promptRuns = new PromptRuns();
