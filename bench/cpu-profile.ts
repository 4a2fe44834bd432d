/**
 * Chromium CPU profiles for the browser benches (CDP's Profiler): set OMNIA_BENCH_PROFILE to a
 * folder and a bench that supports it writes `<name>.cpuprofile` there (open it in Chrome's
 * DevTools, Performance tab) and prints the functions with the most self time, so a slow
 * figure comes with where its time went.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

export const PROFILE_DIR = process.env['OMNIA_BENCH_PROFILE'];

/** `run` under the sampling profiler; without OMNIA_BENCH_PROFILE it only runs `run`. */
export async function profiled<T>(page: Page, name: string, run: () => Promise<T>): Promise<T> {
  if (!PROFILE_DIR) return run();
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 100 });
  await session.send('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = (await session.send('Profiler.stop')) as unknown as { profile: Profile };
    await session.detach();
    await mkdir(PROFILE_DIR, { recursive: true });
    const file = join(PROFILE_DIR, `${name}.cpuprofile`);
    await writeFile(file, JSON.stringify(profile));
    console.log(`  profile ${file}; most self time:`);
    for (const line of topSelfTime(profile, 15)) console.log(`    ${line}`);
  }
}

/** "12.3 ms  name  file:line" for the `count` frames with the most self time. */
export function topSelfTime(profile: Profile, count: number): string[] {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const frame = byNode.get(samples[i]!)?.callFrame;
    if (!frame) continue;
    const file = frame.url.split('/').pop() ?? '';
    const key = `${frame.functionName || '(anonymous)'}  ${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
    totals.set(key, (totals.get(key) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  }
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, ms]) => `${ms.toFixed(1).padStart(7)} ms  ${key}`);
}
