/**
 * What makes Chromium refuse to read an OPFS `File` snapshot (`FileSystemFileHandle.getFile()`),
 * measured in this Chromium (issue 20). The model store hands out such snapshots and engines
 * read them later; these facts are why verified-body.ts re-opens a stale one, and why the
 * OPFS store takes NotFoundError from getFile() as "gone". Each case writes a 1 KiB file from a
 * dedicated worker (sync access handles exist only there), takes a snapshot, does one thing to
 * the file, then reads the old snapshot and a new one.
 *
 * Measured (Chromium 156): any write to the file, even of the same bytes, a remove-and-recreate
 * or a move make the old snapshot unreadable (NotReadableError; NotFoundError after a move),
 * while a new getFile() reads fine; a removed file also fails getFile() with NotFoundError.
 * Opening a sync access handle or a writable without writing, or holding one open, does not.
 * In an off-the-record context (Playwright's newContext, what the browser suite uses) OPFS
 * lives in memory and writes through a sync access handle leave old snapshots readable; on
 * disk (a real profile) they do not.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { CHROMIUM_PATH, useBrowser } from './browser';

const appUrl = inject('appUrl');
const browser = useBrowser();

/** Runs in a blob: worker of the app's origin; answers {case: outcome} for every case named. */
const WORKER = `
const SIZE = 1024;
const bytes = () => new Uint8Array(SIZE).fill(7);
async function sah(h, use) { const s = await h.createSyncAccessHandle(); try { use(s); } finally { s.close(); } }
async function read(blob) {
  try { return 'ok ' + (await blob.arrayBuffer()).byteLength; } catch (e) { return e.name; }
}
const CASES = {
  'nothing': async () => {},
  'sync handle opened and closed': ({ h }) => sah(h, () => {}),
  'sync handle held open': async ({ h }) => { self.held = await h.createSyncAccessHandle(); },
  'writable opened and closed': async ({ h }) => (await h.createWritable({ keepExistingData: true })).close(),
  'writable aborted': async ({ h }) => (await h.createWritable({ keepExistingData: false })).abort(),
  'sync handle writes the same bytes': ({ h }) => sah(h, (s) => { s.write(bytes(), { at: 0 }); s.flush(); }),
  'writable writes the same bytes': async ({ h }) => {
    const w = await h.createWritable({ keepExistingData: false }); await w.write(bytes()); await w.close();
  },
  'removed and written again': async ({ d }) => {
    await d.removeEntry('f');
    await sah(await d.getFileHandle('f', { create: true }), (s) => s.write(bytes(), { at: 0 }));
  },
  'moved': ({ h }) => h.move('g'),
  'removed': ({ d }) => d.removeEntry('f'),
};
onmessage = async ({ data: names }) => {
  const out = {};
  const root = await navigator.storage.getDirectory();
  for (const name of names) {
    const d = await root.getDirectoryHandle('snapshot-case-' + names.indexOf(name), { create: true });
    const h = await d.getFileHandle('f', { create: true });
    await sah(h, (s) => { s.truncate(0); s.write(bytes(), { at: 0 }); s.flush(); });
    const old = await h.getFile();
    await CASES[name]({ d, h });
    let fresh;
    try { fresh = await read(await h.getFile()); } catch (e) { fresh = 'getFile ' + e.name; }
    out[name] = { old: await read(old), fresh };
    self.held?.close(); self.held = undefined;
    await root.removeEntry('snapshot-case-' + names.indexOf(name), { recursive: true });
  }
  postMessage(out);
};`;

type Outcomes = Record<string, { old: string; fresh: string }>;

function runCases(page: Page, names: readonly string[]): Promise<Outcomes> {
  return page.evaluate(
    ({ source, names }) => {
      const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
      const worker = new Worker(url);
      return new Promise<Outcomes>((resolve, reject) => {
        worker.onmessage = (event: MessageEvent<Outcomes>) => {
          worker.terminate();
          resolve(event.data);
        };
        worker.onerror = (event) => reject(new Error(event.message));
        worker.postMessage(names);
      });
    },
    { source: WORKER, names: [...names] },
  );
}

const HARMLESS = [
  'nothing',
  'sync handle opened and closed',
  'sync handle held open',
  'writable opened and closed',
  'writable aborted',
];
const OK = { old: 'ok 1024', fresh: 'ok 1024' };

describe('OPFS File snapshots in Chromium', () => {
  it('stay readable unless the file is written, replaced, moved or removed (off-the-record context)', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(appUrl);
    const seen = await runCases(page, [
      ...HARMLESS,
      'sync handle writes the same bytes',
      'writable writes the same bytes',
      'removed and written again',
      'moved',
      'removed',
    ]);
    for (const name of HARMLESS) expect(seen[name], name).toEqual(OK);
    // In memory, a sync access handle's writes leave old snapshots readable…
    expect(seen['sync handle writes the same bytes']).toEqual(OK);
    // …but a writable's, a replacement or a move do not; a new snapshot reads fine.
    const stale = { old: 'NotReadableError', fresh: 'ok 1024' };
    expect(seen['writable writes the same bytes']).toEqual(stale);
    expect(seen['removed and written again']).toEqual(stale);
    expect(seen['moved']).toEqual({ old: 'NotFoundError', fresh: 'ok 1024' });
    expect(seen['removed']).toEqual({ old: 'NotFoundError', fresh: 'getFile NotFoundError' });
    await context.close();
  });

  it('on disk, even a sync access handle writing the same bytes makes old snapshots unreadable', async () => {
    const context = await chromium.launchPersistentContext(
      mkdtempSync(join(tmpdir(), 'omnia-opfs-')),
      { executablePath: CHROMIUM_PATH, headless: true, chromiumSandbox: false },
    );
    const page = await context.newPage();
    await page.goto(appUrl);
    const seen = await runCases(page, [...HARMLESS, 'sync handle writes the same bytes']);
    for (const name of HARMLESS) expect(seen[name], name).toEqual(OK);
    expect(seen['sync handle writes the same bytes']).toEqual({
      old: 'NotReadableError',
      fresh: 'ok 1024',
    });
    await context.close();
  });
});
