// A test run: every chosen version × model × variable set becomes one output. Cells run model
// by model (one model is resident per worker, so each loads once), each output is stored the
// moment it exists (a reload keeps what was done, and resumes at the first cell without one),
// and a cancel stops the generation in the worker and leaves the rest unrun.
import type { ChatTurn, EngineDevice, GenerateResult } from '../../models/engines/types';
import type { PromptOutputRow, PromptRunRow, PromptVersionRow } from '../../storage';
import type { ChatModelInfo, GenerateRequest } from '../../workers/inference-client';
import type { RenderResult } from './template';

export interface RunCell {
  versionId: string;
  modelId: string;
  setIndex: number;
}

export const cellKey = (c: RunCell): string =>
  `${c.modelId}\u0000${c.versionId}\u0000${c.setIndex}`;

/** The run's cells, model by model, then version, then variable set. */
export function planCells(
  run: Pick<PromptRunRow, 'modelIds' | 'versionIds' | 'variableSets'>,
): RunCell[] {
  const cells: RunCell[] = [];
  for (const modelId of run.modelIds) {
    for (const versionId of run.versionIds) {
      for (let setIndex = 0; setIndex < run.variableSets.length; setIndex += 1) {
        cells.push({ modelId, versionId, setIndex });
      }
    }
  }
  return cells;
}

/** Cells that have no output yet: what a resumed run still has to do. */
export function cellsLeft(
  cells: readonly RunCell[],
  outputs: readonly PromptOutputRow[],
): RunCell[] {
  const done = new Set(outputs.map(cellKey));
  return cells.filter((c) => !done.has(cellKey(c)));
}

/** The newest output of each cell (reruns add attempts; the view shows the last). */
export function latestOutputs(outputs: readonly PromptOutputRow[]): Map<string, PromptOutputRow> {
  const latest = new Map<string, PromptOutputRow>();
  for (const o of outputs) {
    const key = cellKey(o);
    const seen = latest.get(key);
    if (!seen || o.attempt > seen.attempt) latest.set(key, o);
  }
  return latest;
}

/** The part of the inference client a run needs (the worker client fits it). */
export interface RunBackend {
  ensureChat(
    modelId: string,
    device: EngineDevice | 'auto',
    options?: { signal?: AbortSignal },
  ): Promise<ChatModelInfo>;
  generate(
    modelId: string,
    request: GenerateRequest,
    options?: { signal?: AbortSignal },
  ): Promise<GenerateResult>;
}

export interface RunPorts {
  backend: RunBackend;
  /** 'transformers' or 'webllm', from the catalog. */
  engineOf(modelId: string): string;
  /** Renders a version with a variable set (documents and files read into text). */
  render(version: PromptVersionRow, setIndex: number): Promise<RenderResult>;
  saveOutput(output: PromptOutputRow): Promise<void>;
  /** Words a render's problems (or an engine error) for the output's error field. */
  describe(problems: RenderResult): string;
  newId(): string;
  now(): number;
}

export interface RunOutcome {
  done: number;
  failed: number;
  cancelled: boolean;
}

const errorText = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/**
 * Runs `cells` of `run`, storing one output each (attempt `attemptOf(cell)`); `onProgress`
 * gets the count finished. Resolves when all ran or the signal aborted (no output is stored
 * for a cell cut short).
 */
export async function runCells(
  run: PromptRunRow,
  versions: ReadonlyMap<string, PromptVersionRow>,
  cells: readonly RunCell[],
  ports: RunPorts,
  options: {
    signal?: AbortSignal;
    attemptOf?: (cell: RunCell) => number;
    onProgress?: (finished: number, total: number) => void;
  } = {},
): Promise<RunOutcome> {
  const { signal } = options;
  const outcome: RunOutcome = { done: 0, failed: 0, cancelled: false };
  const loaded = new Map<string, ChatModelInfo | Error>();
  let finished = 0;
  for (const cell of cells) {
    if (signal?.aborted) break;
    const version = versions.get(cell.versionId);
    const base = {
      runId: run.id,
      templateId: run.templateId,
      versionId: cell.versionId,
      versionNumber: version?.number ?? 0,
      modelId: cell.modelId,
      setIndex: cell.setIndex,
      attempt: options.attemptOf?.(cell) ?? 1,
      engine: ports.engineOf(cell.modelId),
    };
    const fail = async (prompt: string, error: string, device = ''): Promise<void> => {
      outcome.failed += 1;
      await ports.saveOutput({
        ...base,
        id: ports.newId(),
        status: 'failed',
        prompt,
        text: '',
        device,
        params: { maxNewTokens: null, temperature: run.params.temperature, topP: null },
        seed: null,
        tokenIds: null,
        promptTokens: 0,
        completionTokens: 0,
        tokensPerSecond: null,
        totalMs: 0,
        finishReason: 'error',
        error,
        createdAt: ports.now(),
      });
    };
    const rendered = version ? await ports.render(version, cell.setIndex) : null;
    if (!rendered || !rendered.ok) {
      await fail('', rendered ? ports.describe(rendered) : 'This version no longer exists.');
    } else {
      let info = loaded.get(cell.modelId);
      if (!info) {
        info = await ports.backend
          .ensureChat(cell.modelId, run.device as EngineDevice | 'auto', signal ? { signal } : {})
          .catch((error: unknown) =>
            error instanceof Error ? error : new Error(errorText(error)),
          );
        if (!signal?.aborted) loaded.set(cell.modelId, info);
      }
      if (signal?.aborted) break;
      if (info instanceof Error) {
        await fail(rendered.text, info.message);
      } else {
        const turns: ChatTurn[] = [{ role: 'user', content: rendered.text }];
        try {
          const result = await ports.backend.generate(
            cell.modelId,
            { turns, ...run.params, seed: run.seed },
            signal ? { signal } : {},
          );
          if (signal?.aborted) break;
          outcome.done += 1;
          await ports.saveOutput({
            ...base,
            id: ports.newId(),
            status: 'done',
            prompt: rendered.text,
            text: result.text,
            device: info.device,
            params: {
              maxNewTokens: result.applied.maxNewTokens,
              temperature: result.applied.temperature,
              topP: result.applied.topP,
            },
            seed: result.applied.seed ?? null,
            tokenIds: result.tokenIds,
            promptTokens: result.promptTokens,
            completionTokens: result.completionTokens,
            tokensPerSecond: result.timings.tokensPerSecond,
            totalMs: result.timings.totalMs,
            finishReason: result.finishReason,
            createdAt: ports.now(),
          });
        } catch (error) {
          if (signal?.aborted) break;
          await fail(rendered.text, errorText(error), info.device);
        }
      }
    }
    finished += 1;
    options.onProgress?.(finished, cells.length);
  }
  outcome.cancelled = signal?.aborted === true;
  return outcome;
}
