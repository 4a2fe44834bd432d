/**
 * The first view's code, fetched with the shell instead of after it. Views are chunks loaded
 * on demand (src/app/views/view-loader.svelte.ts), so a start on #/chat used to fetch the
 * shell, run it, and only then ask for the chat's chunks: a second round of requests, and
 * their compiling, after the first. This plugin writes a tiny classic script, loaded `async`
 * before the entry in index.html, that reads the route from location.hash and adds
 * `<link rel="modulepreload">` for that view's chunk and every chunk it imports statically
 * (those the shell already loads left out), and `<link rel="preload" as="style">` for its CSS.
 * The browser then fetches and compiles them while the shell loads; Vite's own preload of the
 * dynamic import finds the links already there (it compares resolved hrefs) and adds none.
 * An inline script would need a CSP hash in index.html and in the relay's headers; a file is
 * covered by `script-src 'self'` and precached with every other asset.
 *
 * Routes are the views' file names: src/app/views/ChatView.svelte serves #/chat
 * (tests/unit/build/route-preload.test.ts holds every route to it).
 */
import type { Plugin } from 'vite';

/** The parts of a Rollup/Rolldown output chunk this reads. */
export interface PreloadChunk {
  type: 'chunk';
  fileName: string;
  isEntry: boolean;
  isDynamicEntry: boolean;
  facadeModuleId: string | null;
  imports: readonly string[];
  viteMetadata?: { importedCss: ReadonlySet<string> };
}
export type PreloadBundle = Readonly<Record<string, PreloadChunk | { type: 'asset' }>>;

/** Per route, the files to preload: JavaScript chunks (view first) and stylesheets. */
export type RoutePreloads = Record<string, { js: string[]; css: string[] }>;

const VIEW_MODULE = /[\\/]src[\\/]app[\\/]views[\\/]([A-Z][A-Za-z]*)View\.svelte$/;

/** `…/src/app/views/ChatView.svelte` → 'chat'; null for any other module. */
export function routeOfView(moduleId: string | null): string | null {
  const name = moduleId ? VIEW_MODULE.exec(moduleId)?.[1] : undefined;
  return name ? name.toLowerCase() : null;
}

/** `start` and every chunk it imports statically, `start` first. */
function staticClosure(start: readonly string[], chunks: Map<string, PreloadChunk>): string[] {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length > 0) {
    const name = queue.shift() as string;
    const chunk = chunks.get(name);
    if (seen.has(name) || !chunk) continue;
    seen.add(name);
    queue.push(...chunk.imports);
  }
  return [...seen];
}

/**
 * For each view chunk (a dynamic entry whose facade is a src/app/views/<Name>View.svelte), the
 * chunks it needs that the HTML entry does not already load, and their CSS.
 */
export function routePreloads(bundle: PreloadBundle): RoutePreloads {
  const chunks = new Map<string, PreloadChunk>();
  for (const output of Object.values(bundle)) {
    if (output.type === 'chunk') chunks.set(output.fileName, output);
  }
  const entries = [...chunks.values()].filter((c) => c.isEntry).map((c) => c.fileName);
  const shell = new Set(staticClosure(entries, chunks));
  const routes: RoutePreloads = {};
  for (const chunk of chunks.values()) {
    const route = chunk.isDynamicEntry ? routeOfView(chunk.facadeModuleId) : null;
    if (!route || shell.has(chunk.fileName)) continue;
    const js = staticClosure([chunk.fileName], chunks).filter((name) => !shell.has(name));
    const css = new Set<string>();
    for (const name of js) {
      for (const file of chunks.get(name)?.viteMetadata?.importedCss ?? []) css.add(file);
    }
    routes[route] = { js, css: [...css] };
  }
  return routes;
}

/**
 * The classic script's source. Its route parsing is the router's (router.svelte.ts): the first
 * path segment of the hash, before any `?`. Files are relative to the document (base './').
 */
export function preloadScript(routes: RoutePreloads): string {
  return (
    '(function(){' +
    `var r=${JSON.stringify(routes)};` +
    "var h=location.hash.replace(/^#\\/?/,'').split('?')[0].split('/')[0];" +
    'var p=Object.prototype.hasOwnProperty.call(r,h)?r[h]:null;if(!p)return;' +
    'function add(rel,href,as){var l=document.createElement("link");l.rel=rel;' +
    'if(as)l.as=as;l.crossOrigin="";l.href=href;document.head.appendChild(l);}' +
    'p.js.forEach(function(f){add("modulepreload",f);});' +
    'p.css.forEach(function(f){add("preload",f,"style");});' +
    '})();\n'
  );
}

/** index.html with `<script async src>` for the preload script before its first script. */
export function withPreloadScript(html: string, src: string): string {
  const tag = `<script async src="./${src}"></script>\n    `;
  const at = html.search(/<script\b/);
  if (at >= 0) return html.slice(0, at) + tag + html.slice(at);
  return html.replace('</head>', `${tag}</head>`);
}

/** Adds the route preload script to the app's build (index.html and one small asset). */
export function routePreload(): Plugin {
  return {
    name: 'omnia-route-preload',
    apply: 'build',
    generateBundle: {
      // After Vite has emitted index.html and attached each chunk's CSS.
      order: 'post',
      handler(_options, bundle) {
        const html = bundle['index.html'];
        if (!html || html.type !== 'asset') return;
        const routes = routePreloads(bundle);
        if (Object.keys(routes).length === 0) return;
        const ref = this.emitFile({
          type: 'asset',
          name: 'route-preload.js',
          source: preloadScript(routes),
        });
        const text =
          typeof html.source === 'string' ? html.source : new TextDecoder().decode(html.source);
        html.source = withPreloadScript(text, this.getFileName(ref));
      },
    },
  };
}
