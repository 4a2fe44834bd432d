/**
 * The first view's chunks load with the shell (scripts/vite/route-preload.ts): which files a
 * route preloads (the view's chunk and its static imports, never the shell's own chunks nor
 * another view's), what the script does with a hash, where it goes in index.html, and that
 * every route's view follows the naming the plugin relies on.
 */
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  preloadScript,
  routeOfView,
  routePreloads,
  withPreloadScript,
  type PreloadBundle,
  type PreloadChunk,
} from '../../../scripts/vite/route-preload.ts';
import viteConfig from '../../../vite.config.ts';
import type { Plugin, PluginOption } from 'vite';

function chunk(
  fileName: string,
  options: Partial<Omit<PreloadChunk, 'type' | 'fileName'>> & { css?: string[] } = {},
): PreloadChunk {
  return {
    type: 'chunk',
    fileName,
    isEntry: options.isEntry ?? false,
    isDynamicEntry: options.isDynamicEntry ?? false,
    facadeModuleId: options.facadeModuleId ?? null,
    imports: options.imports ?? [],
    viteMetadata: { importedCss: new Set(options.css ?? []) },
  };
}

const BUNDLE: PreloadBundle = Object.fromEntries(
  [
    chunk('assets/index.js', {
      isEntry: true,
      facadeModuleId: '/repo/index.html',
      imports: ['assets/i18n.js'],
    }),
    chunk('assets/i18n.js'),
    chunk('assets/ChatView.js', {
      isDynamicEntry: true,
      facadeModuleId: '/repo/src/app/views/ChatView.svelte',
      imports: ['assets/i18n.js', 'assets/chat-prefs.js', 'assets/PassagePanel.js'],
      css: ['assets/ChatView.css'],
    }),
    chunk('assets/chat-prefs.js', { imports: ['assets/i18n.js', 'assets/worker.js'] }),
    chunk('assets/PassagePanel.js', { css: ['assets/PassagePanel.css'] }),
    chunk('assets/worker.js'),
    chunk('assets/LibraryView.js', {
      isDynamicEntry: true,
      facadeModuleId: '/repo/src/app/views/LibraryView.svelte',
      imports: ['assets/PassagePanel.js'],
    }),
    // Dynamic, but no view: the markdown renderer the chat fetches when it shows an answer.
    chunk('assets/render-markdown.js', {
      isDynamicEntry: true,
      facadeModuleId: '/repo/src/app/markdown/render-markdown.ts',
    }),
  ].map((c) => [c.fileName, c]),
);

describe('route preload', () => {
  it("lists each view's chunk first, then what it imports statically, without the shell's chunks", () => {
    const routes = routePreloads(BUNDLE);
    expect(Object.keys(routes).sort()).toEqual(['chat', 'library']);
    expect(routes['chat']).toEqual({
      js: [
        'assets/ChatView.js',
        'assets/chat-prefs.js',
        'assets/PassagePanel.js',
        'assets/worker.js',
      ],
      css: ['assets/ChatView.css', 'assets/PassagePanel.css'],
    });
    expect(routes['library']).toEqual({
      js: ['assets/LibraryView.js', 'assets/PassagePanel.js'],
      css: ['assets/PassagePanel.css'],
    });
  });

  it("adds the hash's route's links, as the router reads the hash, and none for other routes", () => {
    const links = (hash: string): string[] => {
      const added: string[] = [];
      const document = {
        createElement: () => ({ rel: '', as: '', crossOrigin: null, href: '' }),
        head: {
          appendChild: (l: { rel: string; as: string; href: string }) =>
            added.push(`${l.rel}${l.as ? `:${l.as}` : ''} ${l.href}`),
        },
      };
      runInNewContext(preloadScript(routePreloads(BUNDLE)), { location: { hash }, document });
      return added;
    };
    const chat = [
      'modulepreload assets/ChatView.js',
      'modulepreload assets/chat-prefs.js',
      'modulepreload assets/PassagePanel.js',
      'modulepreload assets/worker.js',
      'preload:style assets/ChatView.css',
      'preload:style assets/PassagePanel.css',
    ];
    expect(links('#/chat')).toEqual(chat);
    expect(links('#/chat/3f2a?m=9')).toEqual(chat);
    expect(links('#chat')).toEqual(chat);
    expect(links('#/library')).toHaveLength(3);
    for (const hash of ['', '#/', '#/nowhere', '#/constructor', '#/__proto__']) {
      expect(links(hash)).toEqual([]);
    }
  });

  it("goes before index.html's first script, loaded async", () => {
    const html =
      '<head><title>Omnia</title>\n    <script type="module" src="./assets/index.js"></script>\n</head>';
    const out = withPreloadScript(html, 'assets/route-preload-1.js');
    expect(out).toMatch(
      /<title>Omnia<\/title>\n {4}<script async src="\.\/assets\/route-preload-1\.js"><\/script>\n {4}<script type="module"/,
    );
    expect(withPreloadScript('<head></head>', 'a.js')).toContain('<script async src="./a.js">');
  });

  it('serves every route that has a view from a src/app/views/<Route>View.svelte, and the build runs it', () => {
    const loader = readFileSync('src/app/views/view-loader.svelte.ts', 'utf8');
    const lazy = [...loader.matchAll(/(\w+): \(\) => import\('\.\/(\w+\.svelte)'\)/g)];
    expect(lazy.length).toBeGreaterThanOrEqual(7);
    for (const [, route, file] of lazy) {
      expect(routeOfView(`/repo/src/app/views/${file}`)).toBe(route);
    }
    expect(routeOfView('/repo/src/app/components/ChatThing.svelte')).toBeNull();
    const plugins = (viteConfig.plugins ?? []).flat() as PluginOption[];
    const names = plugins.map((p) => (p && typeof p === 'object' ? (p as Plugin).name : null));
    expect(names).toContain('omnia-route-preload');
  });
});
