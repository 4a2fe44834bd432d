// Test runs against a stand-in backend (the real engine runs in the browser test): cells model
// by model, each model loaded once, outputs stored with what the engine reported, failures
// stored per cell, a cancel that leaves the rest unrun, and a resume that runs only what is left.
import { describe, expect, it } from 'vitest';
import { renderPrompt } from '../../../../src/core/prompts/template';
import {
  cellsLeft,
  latestOutputs,
  planCells,
  runCells,
  type RunBackend,
  type RunPorts,
} from '../../../../src/core/prompts/test-run';
import { builtinValues } from '../../../../src/core/prompts/variables';
import type { GenerateResult } from '../../../../src/models/engines/types';
import type { PromptOutputRow, PromptRunRow, PromptVersionRow } from '../../../../src/storage';

const versions: PromptVersionRow[] = [1, 2].map((number) => ({
  id: `v${number}`,
  templateId: 't',
  number,
  body: number === 1 ? 'Say {{word}}' : 'Please say {{word}}',
  variables: [{ name: 'word', kind: 'text' }],
  note: '',
  createdAt: number,
}));
const run: PromptRunRow = {
  id: 'r',
  templateId: 't',
  versionIds: ['v1', 'v2'],
  modelIds: ['m1', 'm2'],
  variableSets: [
    { label: 'a', values: { word: 'hi' } },
    { label: 'b', values: { word: '' } },
  ],
  params: { temperature: 0.5, topP: 0.9, maxNewTokens: 4 },
  seed: 7,
  device: 'wasm',
  createdAt: 0,
};

function result(text: string): GenerateResult {
  return {
    text,
    tokenIds: [1, 2],
    promptTokens: 3,
    completionTokens: 2,
    finishReason: 'stop',
    timings: { firstTokenMs: 1, totalMs: 10, tokensPerSecond: 200, prefillTokensPerSecond: null },
    applied: { maxNewTokens: 4, temperature: 0.5, topP: 0.9, seed: 7 },
  };
}

function setup(onGenerate?: (prompt: string) => void): {
  ports: RunPorts;
  saved: PromptOutputRow[];
  loads: string[];
  requests: unknown[];
} {
  const saved: PromptOutputRow[] = [];
  const loads: string[] = [];
  const requests: unknown[] = [];
  const backend: RunBackend = {
    ensureChat: (modelId) => {
      loads.push(modelId);
      if (modelId === 'broken') return Promise.reject(new Error('cannot load'));
      return Promise.resolve({
        modelId,
        device: 'wasm',
        fallback: null,
        loadMs: 1,
        contextWindow: 128,
        countsTokens: true,
      });
    },
    generate: (modelId, request) => {
      requests.push(request);
      const prompt = request.turns[0]?.content ?? '';
      onGenerate?.(prompt);
      return Promise.resolve(result(`${modelId}:${prompt}`));
    },
  };
  let id = 0;
  const builtins = builtinValues(new Date(0), 'en', '');
  const ports: RunPorts = {
    backend,
    engineOf: () => 'transformers',
    render: (version, setIndex) =>
      Promise.resolve(
        renderPrompt(
          version.body,
          version.variables,
          run.variableSets[setIndex]?.values ?? {},
          builtins,
        ),
      ),
    saveOutput: (o) => {
      saved.push(o);
      return Promise.resolve();
    },
    describe: (r) => (r.ok ? '' : r.problems.map((p) => p.code).join(',')),
    newId: () => `o${++id}`,
    now: () => id,
  };
  return { ports, saved, loads, requests };
}

const byId = new Map(versions.map((v) => [v.id, v]));

describe('test runs', () => {
  it('runs every cell model by model, loading each model once, storing what the engine said', async () => {
    const { ports, saved, loads, requests } = setup();
    const progress: number[] = [];
    const outcome = await runCells(run, byId, planCells(run), ports, {
      onProgress: (f) => progress.push(f),
    });
    expect(outcome).toEqual({ done: 4, failed: 4, cancelled: false });
    expect(loads).toEqual(['m1', 'm2']);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(requests[0]).toEqual({
      turns: [{ role: 'user', content: 'Say hi' }],
      temperature: 0.5,
      topP: 0.9,
      maxNewTokens: 4,
      seed: 7,
    });
    const first = saved[0];
    expect(first).toMatchObject({
      status: 'done',
      modelId: 'm1',
      versionNumber: 1,
      setIndex: 0,
      prompt: 'Say hi',
      text: 'm1:Say hi',
      engine: 'transformers',
      device: 'wasm',
      seed: 7,
      tokenIds: [1, 2],
      tokensPerSecond: 200,
      attempt: 1,
    });
    // The second set leaves the required word empty: stored as failed, with the reason.
    expect(saved[1]).toMatchObject({ status: 'failed', setIndex: 1, error: 'missing' });
  });

  it('stores a failed output for each cell of a model that cannot load', async () => {
    const { ports, saved } = setup();
    const one = { ...run, modelIds: ['broken'], variableSets: [run.variableSets[0]!] };
    const outcome = await runCells(one, byId, planCells(one), ports);
    expect(outcome.failed).toBe(2);
    expect(saved.map((o) => o.error)).toEqual(['cannot load', 'cannot load']);
  });

  it('stops at a cancel, and a resume runs only the cells left', async () => {
    const controller = new AbortController();
    const { ports, saved } = setup(() => {
      if (saved.length === 1) controller.abort();
    });
    const one = { ...run, variableSets: [run.variableSets[0]!] };
    const cells = planCells(one);
    const outcome = await runCells(one, byId, cells, ports, { signal: controller.signal });
    expect(outcome.cancelled).toBe(true);
    expect(saved).toHaveLength(1);
    const left = cellsLeft(cells, saved);
    expect(left).toHaveLength(3);
    const again = setup();
    await runCells(one, byId, left, again.ports);
    expect(again.saved.map((o) => `${o.modelId}/${o.versionId}`)).toEqual([
      'm1/v2',
      'm2/v1',
      'm2/v2',
    ]);
  });

  it('shows the newest attempt of each cell', () => {
    const o = { modelId: 'm', versionId: 'v', setIndex: 0 } as PromptOutputRow;
    const latest = latestOutputs([
      { ...o, id: 'a', attempt: 1 },
      { ...o, id: 'b', attempt: 2 },
    ]);
    expect([...latest.values()].map((x) => x.id)).toEqual(['b']);
  });
});
