/**
 * pdf.js reads two kinds of data files at run time: the 14 standard PDF fonts (a PDF that names
 * Helvetica without embedding it) and CMaps (CJK text). Its defaults point at a CDN, and Omnia
 * may not touch any host but its own, so this plugin ships `standard_fonts/` and `cmaps/` from
 * pdfjs-dist under `pdfjs/` in the build and serves them from node_modules in dev. The ingest
 * worker passes `new URL('../pdfjs/standard_fonts/', self.location.href)` (and `cmaps/`) to
 * pdf.js. The service worker caches them when first fetched (see vite.config.ts), not at
 * install: most people never open a PDF that needs them.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

export const PDFJS_ASSET_DIR = 'pdfjs';
/** pdfjs-dist folders copied as they are; pdf.js wants each URL to end with '/'. */
export const PDFJS_FOLDERS = ['standard_fonts', 'cmaps'] as const;

function pdfjsRoot(): string {
  const require = createRequire(import.meta.url);
  // The package's main entry is build/pdf.mjs; its folder's parent is the package root.
  return dirname(dirname(require.resolve('pdfjs-dist')));
}

/** `standard_fonts/FoxitSans.pfb` → the file in node_modules, or undefined for anything else. */
function sourceOf(root: string, relative: string): string | undefined {
  const [folder, name, ...rest] = relative.split('/');
  if (!folder || !name || rest.length > 0) return undefined;
  if (!(PDFJS_FOLDERS as readonly string[]).includes(folder)) return undefined;
  // Plain file names only: no '..', no hidden files.
  if (!/^[\w-][\w.-]*$/.test(name)) return undefined;
  return join(root, folder, name);
}

export function pdfjsAssets(): Plugin {
  return {
    name: 'omnia-pdfjs-assets',
    async generateBundle() {
      const root = pdfjsRoot();
      for (const folder of PDFJS_FOLDERS) {
        for (const name of await readdir(join(root, folder))) {
          if (name.startsWith('LICENSE')) continue;
          this.emitFile({
            type: 'asset',
            fileName: `${PDFJS_ASSET_DIR}/${folder}/${name}`,
            source: await readFile(join(root, folder, name)),
          });
        }
      }
    },
    configureServer(server) {
      const root = pdfjsRoot();
      server.middlewares.use((req, res, next) => {
        // The dev worker lives at /src/workers/, so '../pdfjs/' is /src/pdfjs/: match any prefix.
        const relative = (req.url ?? '').split('?')[0]?.split(`/${PDFJS_ASSET_DIR}/`)[1];
        const file = relative === undefined ? undefined : sourceOf(root, relative);
        if (!file) return next();
        res.setHeader('Content-Type', 'application/octet-stream');
        const stream = createReadStream(file);
        stream.on('error', () => {
          res.statusCode = 404;
          res.end();
        });
        stream.pipe(res);
      });
    },
  };
}
