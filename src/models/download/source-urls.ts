/**
 * Where each model file is fetched from. The hub and the relay share one layout
 * (`<base>/<repo>/resolve/<revision>/<path>`), the relay mirroring the hub under `/models`, so
 * switching source changes only the base URL and never the cached bytes. Tesseract's language
 * data is the exception on the hub source: it lives on npm, so it comes from the npm CDN
 * (a relay still serves it in the hub layout, under the package's name).
 */
import type { CatalogEntry, WebLlmBuild } from '../catalog-types';
import { RelayUrlError } from './errors';

/** A network source of model files; imported folders go through `importFiles` instead. */
export interface ModelSource {
  kind: 'hub' | 'relay';
  /** No trailing slash, e.g. 'https://huggingface.co' or 'http://127.0.0.1:4173/models'. */
  baseUrl: string;
}

export const HUB_BASE_URL = 'https://huggingface.co';

/** The relay serves its hub mirror under this path segment. */
const RELAY_MODELS_SEGMENT = 'models';

export const HUB_SOURCE: ModelSource = Object.freeze({ kind: 'hub', baseUrl: HUB_BASE_URL });

const encodeSegments = (path: string): string => path.split('/').map(encodeURIComponent).join('/');

/**
 * The URL of one file of `entry` at its revision.
 * @example fileUrl(HUB_SOURCE, entry, 'onnx/model.onnx')
 * // 'https://huggingface.co/Xenova/all-MiniLM-L6-v2/resolve/main/onnx/model.onnx'
 */
export function fileUrl(source: ModelSource, entry: CatalogEntry, path: string): string {
  if (source.kind === 'hub' && entry.engine === 'tesseract') return npmCdnUrl(entry, path);
  const build = entry.webllm;
  if (build !== undefined && path === build.libPath) return modelLibUrl(source, build);
  return `${modelFolderUrl(source.baseUrl, entry)}${encodeSegments(path)}`;
}

/** MLC publishes compiled web-llm libraries on GitHub, not on the model hub. */
export const MODEL_LIB_HUB_ORIGIN = 'https://raw.githubusercontent.com';

/**
 * A web-llm model's compiled library: on GitHub for the hub source
 * (`<origin>/<libRepo>/<libRevision>/<libPath>`), and in the hub layout on a relay, which
 * serves the library repo like any other (`<relay>/<libRepo>/resolve/<libRevision>/<libPath>`).
 */
export function modelLibUrl(source: ModelSource, build: WebLlmBuild): string {
  const repo = encodeSegments(build.libRepo);
  const revision = encodeURIComponent(build.libRevision);
  const path = encodeSegments(build.libPath);
  if (source.kind === 'hub') return `${MODEL_LIB_HUB_ORIGIN}/${repo}/${revision}/${path}`;
  return `${source.baseUrl.replace(/\/+$/, '')}/${repo}/resolve/${revision}/${path}`;
}

/** Tesseract's language data is published on npm, not on the model hub. */
export const NPM_CDN_BASE_URL = 'https://cdn.jsdelivr.net/npm';

/**
 * `<cdn>/<package>@<version>/<path>`: a file of the npm package `entry.repo` at the version in
 * `entry.revision` (the latest when it is unpinned). An npm scope keeps its '@'.
 * @example npmCdnUrl(porEntry, '4.0.0_best_int/por.traineddata.gz')
 * // 'https://cdn.jsdelivr.net/npm/@tesseract.js-data/por@1.0.0/4.0.0_best_int/por.traineddata.gz'
 */
export function npmCdnUrl(entry: CatalogEntry, path: string): string {
  const name = entry.repo
    .split('/')
    .map((part) =>
      part.startsWith('@') ? `@${encodeURIComponent(part.slice(1))}` : encodeURIComponent(part),
    )
    .join('/');
  const version = entry.revisionPinned ? `@${encodeURIComponent(entry.revision)}` : '';
  return `${NPM_CDN_BASE_URL}/${name}${version}/${encodeSegments(path)}`;
}

/**
 * `<base>/<repo>/resolve/<revision>/`: the folder of `entry`'s files on the hub or a relay
 * (web-llm takes this folder as its model URL).
 */
export function modelFolderUrl(baseUrl: string, entry: CatalogEntry): string {
  const base = baseUrl.replace(/\/+$/, '');
  // A revision such as 'refs/pr/1' is one segment on the hub, so its slashes are encoded.
  const revision = encodeURIComponent(entry.revision);
  return `${base}/${encodeSegments(entry.repo)}/resolve/${revision}/`;
}

/**
 * Checks a relay URL typed by a person and turns it into a source: http(s) only, no
 * credentials, query or fragment; a relay root (with or without a path prefix) gets `/models`.
 * Throws RelayUrlError with a message that says what to change.
 * @example parseRelayUrl('http://127.0.0.1:4173/') // { kind: 'relay', baseUrl: 'http://127.0.0.1:4173/models' }
 */
export function parseRelayUrl(input: string): ModelSource {
  const text = input.trim();
  if (text === '') {
    throw new RelayUrlError("Enter the relay's address, for example http://127.0.0.1:4173.");
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    throw new RelayUrlError(
      `"${text}" has no scheme: the relay URL must start with http:// or https://.`,
    );
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new RelayUrlError(`"${text}" is not a valid URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RelayUrlError(`The relay URL must use http:// or https://, not ${url.protocol}//.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new RelayUrlError(
      'The relay URL must not contain a user name or password: the relay needs none, and ' +
        'the browser would refuse to send them.',
    );
  }
  if (url.search !== '' || url.hash !== '') {
    throw new RelayUrlError('The relay URL must not have a query (?…) or a fragment (#…).');
  }
  let path = url.pathname.replace(/\/+$/, '');
  if (path.split('/').pop() !== RELAY_MODELS_SEGMENT) path += `/${RELAY_MODELS_SEGMENT}`;
  return { kind: 'relay', baseUrl: `${url.origin}${path}` };
}
