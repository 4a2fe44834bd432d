import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { contentSecurityPolicy, extraModelSources } from './src/relay/security-headers.ts';
import { ORT_ASSET_DIR, ortAssets, ortUrlRewrite } from './scripts/vite/ort-assets.ts';
import { PDFJS_ASSET_DIR, pdfjsAssets } from './scripts/vite/pdfjs-assets.ts';
import { TESSERACT_ASSET_DIR, tesseractAssets } from './scripts/vite/tesseract-assets.ts';
import { entryBudget } from './scripts/vite/entry-budget.ts';
import { routePreload } from './scripts/vite/route-preload.ts';

/** Where the web-llm chunk lands; cached on first use, not at install. */
const WEBLLM_CHUNK_PREFIX = 'assets/web-llm-';

/** Puts the CSP into index.html at build time, so it holds on any static host. */
function cspMeta(): Plugin {
  return {
    name: 'omnia-csp-meta',
    apply: 'build',
    transformIndexHtml() {
      return [
        {
          tag: 'meta',
          attrs: {
            'http-equiv': 'Content-Security-Policy',
            content: contentSecurityPolicy(extraModelSources()),
          },
          injectTo: 'head-prepend',
        },
      ];
    },
  };
}

export default defineConfig({
  // Relative base: the same build runs from any sub-path of a static host.
  base: './',
  build: {
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: {
      treeshake: {
        // The storage barrel (src/storage/index.ts) re-exports every repository; its modules
        // only declare things, so one that nothing uses can be dropped. Without this, every
        // import of getSetting pulled export/import and all repositories into the shell.
        moduleSideEffects: (id: string) => !/[\\/]src[\\/]storage[\\/][^\\/]+\.ts$/.test(id),
      },
    },
  },
  worker: {
    format: 'es',
    plugins: () => [ortUrlRewrite()],
    rolldownOptions: {
      output: {
        // web-llm (~6 MB) gets a name of its own so the service worker can leave it out of the
        // install and cache it when a web-llm model first loads (below).
        chunkFileNames: (chunk) =>
          chunk.moduleIds.some((id) => id.includes('/@mlc-ai/web-llm/'))
            ? `${WEBLLM_CHUNK_PREFIX}[hash].js`
            : 'assets/[name]-[hash].js',
      },
    },
  },
  plugins: [
    svelte(),
    cspMeta(),
    ortAssets(),
    pdfjsAssets(),
    tesseractAssets(),
    // The shell's JavaScript (index.html's entry and its static imports) stays under 100 KB
    // gzipped, or the build fails naming the heaviest modules: views and big libraries load
    // on demand (src/app/views/view-loader.svelte.ts) and are precached below.
    entryBudget(),
    // The first view's chunks load with the shell, not after it (scripts/vite/route-preload.ts).
    routePreload(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      strategies: 'generateSW',
      includeAssets: ['favicon.svg', 'icons/*.png'],
      manifest: {
        id: './',
        name: 'Omnia — private AI workspace',
        short_name: 'Omnia',
        description:
          'Chat, documents, voice and images with AI that runs on your own device. Nothing leaves it.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#0f172a',
        theme_color: '#4338ca',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: 'icons/maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,wasm}'],
        // The inference runtime (~27 MB) is cached when first used, not at install: people who
        // never load a model should not download it.
        // pdf.js's standard fonts and CMaps (~2.5 MB) likewise wait for the first PDF that needs them,
        // and tesseract's worker and cores (~12 MB, one core used per browser) for the first OCR.
        // web-llm's code (~6 MB) waits for the first web-llm model, which only GPUs can run.
        globIgnores: [
          `${ORT_ASSET_DIR}/**`,
          `${PDFJS_ASSET_DIR}/**`,
          `${TESSERACT_ASSET_DIR}/**`,
          `${WEBLLM_CHUNK_PREFIX}*.js`,
        ],
        // Workbox copies matcher functions into sw.js as source text, where nothing of this file
        // is in scope (a constant named there is a ReferenceError), so these are RegExps, which
        // it writes out as literals.
        runtimeCaching: [
          {
            urlPattern: new RegExp(`/${ORT_ASSET_DIR}/ort-wasm[^/]*$`),
            handler: 'CacheFirst',
            options: { cacheName: 'omnia-engine-runtime' },
          },
          {
            // Content-hashed, so a cached copy is never stale.
            urlPattern: /\/assets\/web-llm-[^/]+\.js$/,
            handler: 'CacheFirst',
            options: { cacheName: 'omnia-webllm-runtime' },
          },
          {
            urlPattern: new RegExp(`/${PDFJS_ASSET_DIR}/`),
            handler: 'CacheFirst',
            options: { cacheName: 'omnia-pdfjs-assets' },
          },
          {
            // tesseract's own worker fetches these; a service worker serves nested workers' requests too.
            urlPattern: new RegExp(`/${TESSERACT_ASSET_DIR}/[^/]+$`),
            handler: 'CacheFirst',
            options: { cacheName: 'omnia-tesseract-runtime' },
          },
        ],
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
});
