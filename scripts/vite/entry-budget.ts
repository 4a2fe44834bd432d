/**
 * The shell's budget: the JavaScript that index.html loads before the first view (its entry
 * chunk and every chunk that imports statically) must stay within ENTRY_BUDGET_GZIP_BYTES
 * gzipped. Views and heavy libraries are dynamic imports, fetched when first needed (and
 * precached by the service worker), so they do not count. The plugin fails `vite build` when
 * the shell grows past the budget, naming the modules that weigh most, and otherwise prints
 * one line with the figure. tests/unit/build/entry-budget.test.ts checks the arithmetic and
 * that vite.config.ts uses the plugin.
 */
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

export const ENTRY_BUDGET_GZIP_BYTES = 100 * 1024;
/** How many of the heaviest modules the failure names. */
const LARGEST_SHOWN = 12;

/** The parts of a Rollup/Rolldown output chunk this reads. */
export interface BudgetChunk {
  type: 'chunk';
  fileName: string;
  isEntry: boolean;
  facadeModuleId: string | null;
  imports: readonly string[];
  code: string;
  modules: Readonly<Record<string, { code: string | null; renderedLength: number }>>;
}
export type BudgetBundle = Readonly<Record<string, BudgetChunk | { type: 'asset' }>>;

export interface ModuleWeight {
  /** A file of ours (relative to the root), or a package's name for everything it ships. */
  name: string;
  /** Its code gzipped on its own (more than its share of the chunk, which compresses across modules). */
  gzipBytes: number;
}

export interface EntryReport {
  /** The chunks loaded before the first view, entry first. */
  chunks: { fileName: string; gzipBytes: number }[];
  gzipBytes: number;
  budgetBytes: number;
  /** Heaviest first. */
  modules: ModuleWeight[];
}

const gzipSize = (text: string): number => gzipSync(text).length;

/** `…/node_modules/@scope/pkg/x.js` → `@scope/pkg`; our files → their path from the root. */
export function moduleName(id: string, root: string): string {
  const clean = id.replace(/\?.*$/, '').replace(/\\/g, '/').replace(/^\0/, '');
  const marker = '/node_modules/';
  const at = clean.lastIndexOf(marker);
  if (at >= 0) {
    const [first = '', second = ''] = clean.slice(at + marker.length).split('/');
    return first.startsWith('@') ? `${first}/${second}` : first;
  }
  const base = root.replace(/\\/g, '/').replace(/\/?$/, '/');
  return clean.startsWith(base) ? clean.slice(base.length) : clean;
}

/**
 * The HTML entry chunks and everything they import statically (dynamic imports excluded),
 * with their gzip sizes and the heaviest modules in them.
 */
export function entryReport(
  bundle: BudgetBundle,
  root: string,
  budgetBytes = ENTRY_BUDGET_GZIP_BYTES,
): EntryReport {
  const chunkByName = new Map<string, BudgetChunk>();
  for (const output of Object.values(bundle)) {
    if (output.type === 'chunk') chunkByName.set(output.fileName, output);
  }
  const entries = [...chunkByName.values()].filter((c) => c.isEntry);
  const seen = new Set<string>();
  const order: BudgetChunk[] = [];
  const queue = entries.map((c) => c.fileName);
  while (queue.length > 0) {
    const name = queue.shift() as string;
    const chunk = chunkByName.get(name);
    if (seen.has(name) || !chunk) continue;
    seen.add(name);
    order.push(chunk);
    queue.push(...chunk.imports);
  }
  const chunks = order.map((c) => ({ fileName: c.fileName, gzipBytes: gzipSize(c.code) }));
  const weights = new Map<string, number>();
  for (const chunk of order) {
    for (const [id, info] of Object.entries(chunk.modules)) {
      if (!info.code || info.renderedLength === 0) continue;
      const name = moduleName(id, root);
      weights.set(name, (weights.get(name) ?? 0) + gzipSize(info.code));
    }
  }
  const modules = [...weights]
    .map(([name, gzipBytes]) => ({ name, gzipBytes }))
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
  return {
    chunks,
    gzipBytes: chunks.reduce((sum, c) => sum + c.gzipBytes, 0),
    budgetBytes,
    modules,
  };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

export function overBudgetMessage(report: EntryReport): string {
  const chunkLines = report.chunks.map((c) => `  ${c.fileName}: ${kb(c.gzipBytes)}`);
  const moduleLines = report.modules
    .slice(0, LARGEST_SHOWN)
    .map((m) => `  ${kb(m.gzipBytes).padStart(9)}  ${m.name}`);
  return [
    `The JavaScript loaded before the first view is ${kb(report.gzipBytes)} gzipped, over its ` +
      `budget of ${kb(report.budgetBytes)}.`,
    'Chunks index.html loads (the entry and its static imports):',
    ...chunkLines,
    'Largest modules in them (each gzipped alone):',
    ...moduleLines,
    'Load what the first view does not need with a dynamic import() where it is used ' +
      '(see src/app/views/view-loader.svelte.ts).',
  ].join('\n');
}

export function summaryLine(report: EntryReport): string {
  return (
    `entry JavaScript: ${kb(report.gzipBytes)} gzipped in ${report.chunks.length} ` +
    `chunk(s), budget ${kb(report.budgetBytes)}`
  );
}

/** Fails the build when the entry JavaScript passes the budget. */
export function entryBudget(budgetBytes = ENTRY_BUDGET_GZIP_BYTES): Plugin {
  let root = process.cwd();
  return {
    name: 'omnia-entry-budget',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    // writeBundle, not generateBundle: Vite fills in each dynamic import's preload list in its
    // own generateBundle, after ours would run; here the code is what the browser gets.
    writeBundle(_options, bundle) {
      const report = entryReport(bundle, root, budgetBytes);
      // Worker bundles have no HTML entry of their own: nothing to hold to the budget there.
      if (report.chunks.length === 0) return;
      if (report.gzipBytes > budgetBytes) this.error(overBudgetMessage(report));
      this.info(summaryLine(report));
    },
  };
}
