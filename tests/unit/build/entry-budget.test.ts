/**
 * The shell's JavaScript budget (scripts/vite/entry-budget.ts): what counts (the HTML entry
 * and its static imports, never dynamic ones), what the failure says, and that the app's
 * build runs the check, so `npm run build` (and CI, which builds for the browser suite)
 * fails when the shell passes 100 KB gzipped.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Plugin, PluginOption } from 'vite';
import {
  ENTRY_BUDGET_GZIP_BYTES,
  entryBudget,
  entryReport,
  moduleName,
  overBudgetMessage,
  type BudgetBundle,
  type BudgetChunk,
} from '../../../scripts/vite/entry-budget.ts';
import viteConfig from '../../../vite.config.ts';

const ROOT = '/repo';

/** Text that gzip cannot shrink: `bytes` characters of it gzip to about `bytes` bytes. */
function noise(bytes: number): string {
  return randomBytes(bytes).toString('latin1');
}

function chunk(
  fileName: string,
  modules: Record<string, string>,
  options: { isEntry?: boolean; imports?: string[] } = {},
): BudgetChunk {
  return {
    type: 'chunk',
    fileName,
    isEntry: options.isEntry ?? false,
    facadeModuleId: null,
    imports: options.imports ?? [],
    code: Object.values(modules).join('\n'),
    modules: Object.fromEntries(
      Object.entries(modules).map(([id, code]) => [id, { code, renderedLength: code.length }]),
    ),
  };
}

function bundleOf(...chunks: BudgetChunk[]): BudgetBundle {
  const outputs: [string, BudgetChunk | { type: 'asset' }][] = [
    ...chunks.map((c): [string, BudgetChunk] => [c.fileName, c]),
    ['assets/app.css', { type: 'asset' }],
  ];
  return Object.fromEntries(outputs);
}

describe('entry JavaScript budget', () => {
  it('counts the entry and its static imports, not the chunks it imports dynamically', () => {
    const bundle = bundleOf(
      chunk(
        'assets/index.js',
        { '/repo/src/app/main.ts': noise(2_000) },
        {
          isEntry: true,
          imports: ['assets/shared.js'],
        },
      ),
      chunk('assets/shared.js', {
        '/repo/node_modules/svelte/src/internal/client/runtime.js': noise(3_000),
        '/repo/node_modules/svelte/src/index-client.js': noise(1_000),
      }),
      // Reached only through import(): a view, and the library only it uses.
      chunk(
        'assets/ChatView.js',
        { '/repo/src/app/views/ChatView.svelte': noise(50_000) },
        {
          imports: ['assets/shared.js', 'assets/highlight.js'],
        },
      ),
      chunk('assets/highlight.js', {
        '/repo/node_modules/highlight.js/lib/core.js': noise(80_000),
      }),
    );
    const report = entryReport(bundle, ROOT);
    expect(report.chunks.map((c) => c.fileName)).toEqual(['assets/index.js', 'assets/shared.js']);
    expect(report.gzipBytes).toBeGreaterThan(5_000);
    expect(report.gzipBytes).toBeLessThan(8_000);
    expect(report.gzipBytes).toBeLessThan(ENTRY_BUDGET_GZIP_BYTES);
    // A package's files count as one line; our own files by their path.
    expect(report.modules.map((m) => m.name)).toEqual(['svelte', 'src/app/main.ts']);
  });

  it('says which chunks and modules are largest when the shell is over budget', () => {
    const bundle = bundleOf(
      chunk(
        'assets/index.js',
        {
          '/repo/src/app/main.ts': noise(1_000),
          '/repo/node_modules/highlight.js/lib/core.js': noise(90_000),
          '/repo/node_modules/@scope/pkg/dist/index.mjs': noise(20_000),
          '\0vite/preload-helper.js': noise(500),
        },
        { isEntry: true },
      ),
    );
    const report = entryReport(bundle, ROOT);
    expect(report.gzipBytes).toBeGreaterThan(ENTRY_BUDGET_GZIP_BYTES);
    const message = overBudgetMessage(report);
    expect(message).toMatch(/is \d+\.\d KB gzipped, over its budget of 100\.0 KB/);
    expect(message).toContain('assets/index.js');
    const lines = message.split('\n');
    const heaviest = lines.findIndex((l) => l.endsWith('  highlight.js'));
    const scoped = lines.findIndex((l) => l.endsWith('  @scope/pkg'));
    const ours = lines.findIndex((l) => l.endsWith('  src/app/main.ts'));
    expect(heaviest).toBeGreaterThan(0);
    expect(scoped).toBeGreaterThan(heaviest);
    expect(ours).toBeGreaterThan(scoped);
    expect(message).toContain('import()');
  });

  it('fails the build over budget and lets it through under', () => {
    const bundle = bundleOf(
      chunk('assets/index.js', { '/repo/src/app/main.ts': noise(3_000) }, { isEntry: true }),
    );
    const run = (budget: number): { errors: string[]; infos: string[] } => {
      const plugin = entryBudget(budget);
      const errors: string[] = [];
      const infos: string[] = [];
      const context = {
        error: (message: string) => {
          errors.push(message);
          throw new Error(message);
        },
        info: (message: string) => infos.push(message),
      };
      (plugin.configResolved as (config: { root: string }) => void)({ root: ROOT });
      try {
        (plugin.writeBundle as (this: unknown, o: unknown, b: unknown) => void).call(
          context,
          {},
          bundle,
        );
      } catch {
        // error() throws, as Rollup's does.
      }
      return { errors, infos };
    };
    expect(run(1_000).errors).toHaveLength(1);
    const under = run(ENTRY_BUDGET_GZIP_BYTES);
    expect(under.errors).toEqual([]);
    expect(under.infos[0]).toMatch(/^entry JavaScript: \d+\.\d KB gzipped in 1 chunk\(s\)/);
  });

  it('names packages by their folder under node_modules, and our files from the root', () => {
    expect(moduleName('/repo/node_modules/dexie/dist/dexie.mjs', ROOT)).toBe('dexie');
    expect(moduleName('/repo/node_modules/@mlc-ai/web-llm/lib/index.js', ROOT)).toBe(
      '@mlc-ai/web-llm',
    );
    expect(moduleName('/repo/src/app/App.svelte?svelte&type=style&lang.css', ROOT)).toBe(
      'src/app/App.svelte',
    );
  });

  it('is part of the app build', () => {
    const flat = (options: PluginOption[] | undefined): Plugin[] =>
      (options ?? []).flatMap((p) =>
        Array.isArray(p) ? flat(p) : p && typeof p === 'object' && 'name' in p ? [p] : [],
      );
    expect(flat(viteConfig.plugins).map((p) => p.name)).toContain('omnia-entry-budget');
  });
});
