// One model resident per inference worker: loading B disposes A, an idle model is unloaded
// after the set time unless pinned or busy, a load that a newer one overtook never stays in
// memory, and every change reaches the watchers. Engines here are plain objects that count
// their disposals (loading real ones is covered by inference-webllm.test.ts and the browser).
import { describe, expect, it } from 'vitest';
import { getModel } from '../../../src/models/catalog';
import type { LoadedEngine } from '../../../src/models/engines/types';
import { Residency, type InferenceStatus } from '../../../src/workers/inference-residency';

interface CountingEngine extends LoadedEngine {
  disposals: number;
}

function engine(modelId: string): CountingEngine {
  const e: CountingEngine = {
    modelId,
    device: 'wasm',
    fallback: null,
    disposals: 0,
    dispose: () => {
      e.disposals += 1;
      return Promise.resolve();
    },
  };
  return e;
}

/** A residency on a hand-driven clock and timer queue. */
function manual() {
  let now = 0;
  const timers: { at: number; run: () => void; id: number }[] = [];
  let next = 0;
  const residency = new Residency({
    now: () => now,
    setTimer: (run, ms) => {
      const id = ++next;
      timers.push({ at: now + ms, run, id });
      return id;
    },
    clearTimer: (id) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
  });
  const advance = (ms: number): void => {
    now += ms;
    for (const t of timers.filter((x) => x.at <= now)) {
      timers.splice(timers.indexOf(t), 1);
      t.run();
    }
  };
  return { residency, advance };
}

const LM = getModel('omnia-fixture-causal-lm');
const EMB = getModel('omnia-fixture-embedder');

describe('Residency', () => {
  it('disposes A when B loads, and reports only B', async () => {
    const { residency } = manual();
    const a = engine(LM.id);
    const b = engine(EMB.id);
    await residency.load(LM, 'auto', () => Promise.resolve(a));
    await residency.load(EMB, 'auto', () => Promise.resolve(b));
    expect(a.disposals).toBe(1);
    expect(b.disposals).toBe(0);
    expect(residency.status().loaded?.modelId).toBe(EMB.id);
    expect(residency.current(LM.id)).toBeNull();
  });

  it('unloads after the idle time, not while busy, and never when pinned', async () => {
    const { residency, advance } = manual();
    residency.setIdleUnloadMs(10 * 60_000);
    const a = engine(LM.id);
    await residency.load(LM, 'auto', () => Promise.resolve(a));
    expect(residency.status().loaded?.unloadsAt).toBe(10 * 60_000);
    advance(9 * 60_000);
    expect(a.disposals).toBe(0);
    // Use resets the clock; while a call runs nothing unloads.
    let finish: () => void = () => undefined;
    const busy = residency.use(LM.id, () => new Promise<void>((r) => (finish = r)));
    advance(30 * 60_000);
    expect(a.disposals).toBe(0);
    expect(residency.status().loaded?.unloadsAt).toBeNull();
    finish();
    await busy;
    advance(10 * 60_000);
    expect(a.disposals).toBe(1);
    expect(residency.status().loaded).toBeNull();

    const b = engine(LM.id);
    await residency.load(LM, 'auto', () => Promise.resolve(b));
    expect(residency.pin(LM.id, true)).toBe(true);
    advance(120 * 60_000);
    expect(b.disposals).toBe(0);
    expect(residency.status().loaded?.pinned).toBe(true);
    residency.pin(LM.id, false);
    advance(10 * 60_000);
    expect(b.disposals).toBe(1);
  });

  it('keeps a pin across a reload of the same model, and 0 means never unload', async () => {
    const { residency, advance } = manual();
    await residency.load(LM, 'auto', () => Promise.resolve(engine(LM.id)));
    residency.pin(LM.id, true);
    await residency.load(LM, 'wasm', () => Promise.resolve(engine(LM.id)));
    expect(residency.status().loaded?.pinned).toBe(true);
    residency.pin(LM.id, false);
    residency.setIdleUnloadMs(0);
    advance(1e9);
    expect(residency.status().loaded?.modelId).toBe(LM.id);
  });

  it('knows when onnxruntime-web’s WebGPU device is spent for this worker', async () => {
    const { residency } = manual();
    const gpu = { ...engine(LM.id), device: 'webgpu' as const };
    await residency.load(LM, 'auto', () => Promise.resolve(gpu));
    // Disposing it to load another would destroy the device: a load must ask for a new worker.
    expect(residency.onnxGpuSpent()).toBe(true);
    await residency.unload();
    expect(residency.onnxGpuSpent()).toBe(true);
    // A model on the CPU never spends it.
    const { residency: cpu } = manual();
    await cpu.load(LM, 'wasm', () => Promise.resolve(engine(LM.id)));
    await cpu.unload();
    expect(cpu.onnxGpuSpent()).toBe(false);
  });

  it('disposes a load that a newer one overtook, and publishes stages', async () => {
    const { residency } = manual();
    const seen: InferenceStatus[] = [];
    residency.watch((s) => seen.push(s));
    const slow = engine(LM.id);
    let release: () => void = () => undefined;
    const first = residency.load(LM, 'auto', async (onStage) => {
      onStage('reading', 0.5);
      await new Promise<void>((r) => (release = r));
      return slow;
    });
    await Promise.resolve();
    const fast = engine(EMB.id);
    await residency.load(EMB, 'auto', () => Promise.resolve(fast));
    release();
    await expect(first).rejects.toThrow(/superseded/);
    expect(slow.disposals).toBe(1);
    expect(residency.status().loaded?.modelId).toBe(EMB.id);
    expect(seen.some((s) => s.loading?.stage === 'reading' && s.loading.progress === 0.5)).toBe(
      true,
    );
    expect(seen.at(-1)?.loading).toBeNull();
  });
});
